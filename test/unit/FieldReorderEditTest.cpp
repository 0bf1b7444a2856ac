//===- FieldReorderEditTest.cpp - the source edit of a field reordering ---===//
//
// Each test spells a record (or an initializer) as source text, describes
// its declarations by the byte ranges the Clang side would measure, applies
// the edit for a new order and compares with the text expected by hand.
//
//===----------------------------------------------------------------------===//
#include "lib/layout/FieldReorderEdit.h"
#include <gtest/gtest.h>
#include <string>

using namespace tightfit::layout;

namespace {

/// The byte range of the \p Nth occurrence of \p Needle in \p Text.
ByteRange find(const std::string &Text, const std::string &Needle, unsigned Nth = 0) {
  size_t Pos = Text.find(Needle);
  for (unsigned I = 0; I < Nth && Pos != std::string::npos; ++I)
    Pos = Text.find(Needle, Pos + 1);
  EXPECT_NE(Pos, std::string::npos) << "no '" << Needle << "' in the text";
  if (Pos == std::string::npos)
    return {0, 0};
  return {static_cast<unsigned>(Pos), static_cast<unsigned>(Pos + Needle.size())};
}

/// A record body whose declarations are the given texts, each declaring one
/// field, in order.
RecordBodySpelling body(const std::string &Text, const std::vector<std::string> &Decls) {
  RecordBodySpelling B;
  B.BodyBegin = find(Text, "{").second;
  B.BodyEnd = static_cast<unsigned>(Text.rfind('}'));
  unsigned Field = 0;
  for (const std::string &D : Decls) {
    ByteRange R = find(Text, D);
    B.Decls.push_back({R.first, R.second, {Field++}, {}});
  }
  return B;
}

/// Applies the declaration edit for \p Order and the final comment layout.
std::string reorder(const std::string &Text, const RecordBodySpelling &B,
                    const std::vector<unsigned> &Order) {
  BodyEdit E = reorderFieldDeclarations(Text, B, Order);
  EXPECT_EQ(E.Refusal, EditRefusal::None);
  return applyEdits(Text, finishRecordEdits(Text, B, E.Edits, E.LineMode));
}

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

// Whole lines move with the documentation above them and the comment after
// them; c has no comment. {a, c, b}: b's line and its doc comment go last.
TEST(ReorderFieldDeclarations, MovesLinesWithTheirComments) {
  std::string Text = "struct S {\n"
                     "  /// The first.\n"
                     "  char a; // a\n"
                     "  /// The second,\n"
                     "  /// in two lines.\n"
                     "  double b; // b\n"
                     "  char c;\n"
                     "};\n";
  RecordBodySpelling B = body(Text, {"char a;", "double b;", "char c;"});
  EXPECT_EQ(reorder(Text, B, {0, 2, 1}), "struct S {\n"
                                         "  /// The first.\n"
                                         "  char a; // a\n"
                                         "  char c;\n"
                                         "  /// The second,\n"
                                         "  /// in two lines.\n"
                                         "  double b; // b\n"
                                         "};\n");
}

// A comment followed by a blank line is not a field's documentation: it stays.
TEST(ReorderFieldDeclarations, DetachedCommentsStay) {
  std::string Text = "struct S {\n"
                     "  // Header of the record.\n"
                     "\n"
                     "  char a;\n"
                     "  double b;\n"
                     "  char c;\n"
                     "};\n";
  RecordBodySpelling B = body(Text, {"char a;", "double b;", "char c;"});
  EXPECT_EQ(reorder(Text, B, {1, 0, 2}), "struct S {\n"
                                         "  // Header of the record.\n"
                                         "\n"
                                         "  double b;\n"
                                         "  char a;\n"
                                         "  char c;\n"
                                         "};\n");
}

// Block comments above a field move with it, whole.
TEST(ReorderFieldDeclarations, BlockCommentsMoveWithTheirField) {
  std::string Text = "struct S {\n"
                     "  /* a\n"
                     "     block */\n"
                     "  char a;\n"
                     "  double b;\n"
                     "};\n";
  RecordBodySpelling B = body(Text, {"char a;", "double b;"});
  EXPECT_EQ(reorder(Text, B, {1, 0}), "struct S {\n"
                                      "  double b;\n"
                                      "  /* a\n"
                                      "     block */\n"
                                      "  char a;\n"
                                      "};\n");
}

// A block comment after a field that runs over more lines (zlib's
// gz_header) moves with its field, all its lines; the comment after b is
// aligned as before (its run is unchanged), the open one keeps its spacing.
// {b, c, a}: b's line, then c's, then a's two lines.
TEST(ReorderFieldDeclarations, MultiLineTrailingCommentsMoveWithTheirField) {
  std::string Text = "struct S {\n"
                     "  char   a; /* true when done (not used\n"
                     "               when writing) */\n"
                     "  double b; /* the time */\n"
                     "  char   c;\n"
                     "};\n";
  RecordBodySpelling B = body(Text, {"char   a;", "double b;", "char   c;"});
  BodyEdit E = reorderFieldDeclarations(Text, B, {1, 2, 0});
  EXPECT_TRUE(E.LineMode);
  EXPECT_EQ(reorder(Text, B, {1, 2, 0}), "struct S {\n"
                                         "  double b; /* the time */\n"
                                         "  char   c;\n"
                                         "  char   a; /* true when done (not used\n"
                                         "               when writing) */\n"
                                         "};\n");
}

// Other members stay in their places; fields fill the field places in the
// new order.
TEST(ReorderFieldDeclarations, OtherMembersStayInPlace) {
  std::string Text = "class S {\n"
                     "public:\n"
                     "  int get() const { return c; }\n"
                     "\n"
                     "private:\n"
                     "  char a;\n"
                     "  void set(int);\n"
                     "  double b;\n"
                     "  int c;\n"
                     "};\n";
  RecordBodySpelling B = body(Text, {"char a;", "double b;", "int c;"});
  EXPECT_EQ(reorder(Text, B, {1, 2, 0}), "class S {\n"
                                         "public:\n"
                                         "  int get() const { return c; }\n"
                                         "\n"
                                         "private:\n"
                                         "  double b;\n"
                                         "  void set(int);\n"
                                         "  int c;\n"
                                         "  char a;\n"
                                         "};\n");
}

// All on one line: only the declarations move.
TEST(ReorderFieldDeclarations, OneLineRecord) {
  std::string Text = "struct S { char a; double b; char c; };\n";
  RecordBodySpelling B = body(Text, {"char a;", "double b;", "char c;"});
  EXPECT_EQ(reorder(Text, B, {0, 2, 1}), "struct S { char a; char c; double b; };\n");
}

// A field sharing a line with another member makes the whole record move
// declarations only (comments stay).
TEST(ReorderFieldDeclarations, MixedLinesMoveDeclarationsOnly) {
  std::string Text = "struct S {\n"
                     "  char a; int f();\n"
                     "  double b; // b\n"
                     "  char c;\n"
                     "};\n";
  RecordBodySpelling B = body(Text, {"char a;", "double b;", "char c;"});
  EXPECT_EQ(reorder(Text, B, {0, 2, 1}), "struct S {\n"
                                         "  char a; int f();\n"
                                         "  char c; // b\n"
                                         "  double b;\n"
                                         "};\n");
}

// `char a, b;` whose fields part: split into one declaration per field,
// each with the shared type; the comment goes with the first.
TEST(ReorderFieldDeclarations, SplitsSharedDeclarations) {
  std::string Text = "struct S {\n"
                     "  char a, *b; // two\n"
                     "  double d;\n"
                     "};\n";
  RecordBodySpelling B;
  B.BodyBegin = find(Text, "{").second;
  B.BodyEnd = static_cast<unsigned>(Text.rfind('}'));
  ByteRange Shared = find(Text, "char a, *b;");
  B.Decls.push_back({Shared.first, Shared.second, {0, 1}, {find(Text, "a,"), find(Text, "*b")}});
  B.Decls.back().Declarators[0].second -= 1; // Without the comma.
  ByteRange D = find(Text, "double d;");
  B.Decls.push_back({D.first, D.second, {2}, {}});
  EXPECT_EQ(reorder(Text, B, {0, 2, 1}), "struct S {\n"
                                         "  char a; // two\n"
                                         "  double d;\n"
                                         "  char *b;\n"
                                         "};\n");
  // Kept together and in order: the declaration stays whole.
  EXPECT_EQ(reorder(Text, B, {0, 1, 2}), Text);
}

// A shared declaration whose declarators cannot be told apart is refused.
TEST(ReorderFieldDeclarations, RefusesUnsplittableDeclarations) {
  std::string Text = "struct S { char a, b; double d; };\n";
  RecordBodySpelling B;
  B.BodyBegin = find(Text, "{").second;
  B.BodyEnd = static_cast<unsigned>(Text.rfind('}'));
  ByteRange Shared = find(Text, "char a, b;");
  B.Decls.push_back({Shared.first, Shared.second, {0, 1}, {}});
  ByteRange D = find(Text, "double d;");
  B.Decls.push_back({D.first, D.second, {2}, {}});
  BodyEdit E = reorderFieldDeclarations(Text, B, {0, 2, 1});
  EXPECT_EQ(E.Refusal, EditRefusal::UnsplittableDeclaration);
  EXPECT_EQ(E.RefusedField, 0u);
  EXPECT_TRUE(E.Edits.empty());
}

// #if inside the body: fields of the other configuration are not visible.
TEST(ReorderFieldDeclarations, RefusesBodiesWithDirectives) {
  std::string Text = "struct S {\n"
                     "  char a;\n"
                     "#ifdef DEBUG\n"
                     "  int debug;\n"
                     "#endif\n"
                     "  double b;\n"
                     "  char c;\n"
                     "};\n";
  RecordBodySpelling B = body(Text, {"char a;", "double b;", "char c;"});
  EXPECT_TRUE(bodyHasDirective(Text, B));
  EXPECT_EQ(reorderFieldDeclarations(Text, B, {0, 2, 1}).Refusal, EditRefusal::Directive);
  // A '#' in a comment or a string is no directive.
  std::string Quiet = "struct S {\n  // #if\n  char a; /*\n#x */\n  const char *s = \"\\n#\";\n};";
  EXPECT_FALSE(bodyHasDirective(Quiet, body(Quiet, {"char a;"})));
}

// Trailing comments aligned by clang-format are aligned again where runs
// changed; the spacing before them (here two spaces, as Google style) is
// taken from the input.
TEST(ReorderFieldDeclarations, RealignsTrailingComments) {
  std::string Text = "struct S {\n"
                     "  char a;            // a\n"
                     "  double bbbbbbbbb;  // b\n"
                     "\n"
                     "  char c;  // c\n"
                     "  int d;   // d\n"
                     "};\n";
  RecordBodySpelling B = body(Text, {"char a;", "double bbbbbbbbb;", "char c;", "int d;"});
  // {a, c, b, d}: the first run becomes a, c (code ends at 9 and 9 -> column
  // 11); the second b, d (19 and 8 -> column 21).
  EXPECT_EQ(reorder(Text, B, {0, 2, 1, 3}), "struct S {\n"
                                            "  char a;  // a\n"
                                            "  char c;  // c\n"
                                            "\n"
                                            "  double bbbbbbbbb;  // b\n"
                                            "  int d;             // d\n"
                                            "};\n");
}

// Runs the move leaves as they were keep their spacing, even if unaligned.
TEST(ReorderFieldDeclarations, UnchangedRunsKeepTheirSpacing) {
  std::string Text = "struct S {\n"
                     "  char a; // a\n"
                     "  int  x;    // x\n"
                     "\n"
                     "  double b;\n"
                     "  char c;\n"
                     "};\n";
  RecordBodySpelling B = body(Text, {"char a;", "int  x;", "double b;", "char c;"});
  EXPECT_EQ(reorder(Text, B, {0, 1, 3, 2}), "struct S {\n"
                                            "  char a; // a\n"
                                            "  int  x;    // x\n"
                                            "\n"
                                            "  char c;\n"
                                            "  double b;\n"
                                            "};\n");
}

//===----------------------------------------------------------------------===//
// Author groups
//===----------------------------------------------------------------------===//

TEST(AuthorGroups, BlankLinesAndOtherMembersEndGroups) {
  std::string Text = "struct S {\n"
                     "  char a;\n"
                     "  // about b\n"
                     "  int b;\n"
                     "\n"
                     "  char c; /* c */\n"
                     "  int d;\n"
                     "  void f();\n"
                     "  char e;\n"
                     "};\n";
  RecordBodySpelling B = body(Text, {"char a;", "int b;", "char c;", "int d;", "char e;"});
  EXPECT_EQ(authorGroups(Text, B), (std::vector<unsigned>{1, 1, 2, 2, 3}));
}

//===----------------------------------------------------------------------===//
// Constructor initializer lists
//===----------------------------------------------------------------------===//

// S() : Base(1), a(1), b{2.0}, c(3) {} with {a, c, b}: the base stays first,
// the field initializers follow the new order in the same places.
TEST(ReorderMemInitializers, FollowsTheNewOrder) {
  std::string Text = "S() : Base(1), a(1), b{2.0}, c(3) {}";
  MemInitSpelling M;
  M.FieldInits = {{0, find(Text, "a(1)")}, {1, find(Text, "b{2.0}")}, {2, find(Text, "c(3)")}};
  EXPECT_EQ(applyEdits(Text, reorderMemInitializers(Text, M, {0, 2, 1})),
            "S() : Base(1), a(1), c(3), b{2.0} {}");
}

// Only the written initializers move: S() : c(3), a(1) {} with {c, b, a}.
TEST(ReorderMemInitializers, PartialLists) {
  std::string Text = "S() : a(1), c(3) {}";
  MemInitSpelling M;
  M.FieldInits = {{0, find(Text, "a(1)")}, {2, find(Text, "c(3)")}};
  EXPECT_EQ(applyEdits(Text, reorderMemInitializers(Text, M, {2, 1, 0})), "S() : c(3), a(1) {}");
}

//===----------------------------------------------------------------------===//
// Initializer lists
//===----------------------------------------------------------------------===//

InitListSpelling positional(const std::string &Text, const std::vector<std::string> &Written,
                            unsigned Fields) {
  InitListSpelling L;
  L.Elements.resize(Fields);
  L.ElidedBraces.assign(Fields, false);
  L.Skipped.assign(Fields, false);
  for (unsigned I = 0; I < Written.size(); ++I)
    L.Elements[I] = find(Text, Written[I]);
  return L;
}

std::string rewrite(const std::string &Text, const InitListSpelling &L,
                    const std::vector<unsigned> &Order, const std::vector<std::string> &ValueInit) {
  BodyEdit E = reorderInitList(Text, L, Order, ValueInit);
  EXPECT_EQ(E.Refusal, EditRefusal::None);
  return applyEdits(Text, E.Edits);
}

// S s = {'a', 2.5, 'c'} with {a, c, b}.
TEST(ReorderInitList, FullPositionalList) {
  std::string Text = "S s = {'a', 2.5, 'c'};";
  EXPECT_EQ(rewrite(Text, positional(Text, {"'a'", "2.5", "'c'"}, 3), {0, 2, 1}, {"", "", ""}),
            "S s = {'a', 'c', 2.5};");
}

// S s = {'a', 2.5} leaves c value-initialised. In {a, c, b} the list must
// name c before b: it gets the value-initializer {}.
TEST(ReorderInitList, PartialListNamesTheFieldsInBetween) {
  std::string Text = "S s = {'a', 2.5};";
  EXPECT_EQ(rewrite(Text, positional(Text, {"'a'", "2.5"}, 3), {0, 2, 1}, {"{}", "{}", "{}"}),
            "S s = {'a', {}, 2.5};");
  // In {b, a, c} nothing is needed after a.
  EXPECT_EQ(rewrite(Text, positional(Text, {"'a'", "2.5"}, 3), {1, 0, 2}, {"", "", ""}),
            "S s = {2.5, 'a'};");
}

// No safe value-initializer for c (it has a default member initializer, say):
// refused.
TEST(ReorderInitList, RefusesWhenAFieldCannotBeNamed) {
  std::string Text = "S s = {'a', 2.5};";
  BodyEdit E = reorderInitList(Text, positional(Text, {"'a'", "2.5"}, 3), {0, 2, 1}, {"", "", ""});
  EXPECT_EQ(E.Refusal, EditRefusal::CannotValueInitialise);
  EXPECT_EQ(E.RefusedField, 2u);
}

// struct { char c; int arr[2]; char d; } initialised {'x', 1, 2}: arr's
// elements are brace-elided. In {c, d, arr} arr moves and gets braces, and d
// (not initialised before) gets 0.
TEST(ReorderInitList, BraceElidedElementsGetBraces) {
  std::string Text = "S s = {'x', 1, 2};";
  InitListSpelling L = positional(Text, {"'x'", "1, 2"}, 3);
  L.ElidedBraces[1] = true;
  EXPECT_EQ(rewrite(Text, L, {0, 2, 1}, {"0", "{0}", "0"}), "S s = {'x', 0, {1, 2}};");
}

// struct { char c; int arr[3]; char d; } initialised {'x', 1, 2}: arr is
// written partly ({1, 2, 0}). In {d, arr, c} arr keeps its place but 'x'
// now follows it: without braces arr would take 'x' as its third element.
TEST(ReorderInitList, PartlyWrittenElidedElementsGetBracesWhenFollowed) {
  std::string Text = "S s = {'x', 1, 2};";
  InitListSpelling L = positional(Text, {"'x'", "1, 2"}, 3);
  L.ElidedBraces[1] = true;
  EXPECT_EQ(rewrite(Text, L, {2, 1, 0}, {"0", "{0}", "0"}), "S s = {0, {1, 2}, 'x'};");
  // Last in the new list, it needs none: {c, d, arr} -> {'x', 0, {1, 2}}
  // (moved, so braced anyway); {c, arr, d} is the declaration order.
  EXPECT_EQ(rewrite(Text, L, {0, 1, 2}, {"0", "{0}", "0"}), Text);
}

// The record's own list is brace-elided in an enclosing one and must grow:
// it gets braces rather than adding elements to the enclosing list.
TEST(ReorderInitList, ElidedListGetsBracesWhenItGrows) {
  std::string Text = "Q q = {7, 'a', 2.5};";
  InitListSpelling L = positional(Text, {"'a'", "2.5"}, 3);
  L.Elided = true;
  EXPECT_EQ(rewrite(Text, L, {0, 2, 1}, {"{}", "{}", "{}"}), "Q q = {7, {'a', {}, 2.5}};");
}

// C++20 designated initializers follow the new declaration order.
TEST(ReorderInitList, DesignatedListFollowsTheNewOrder) {
  std::string Text = "S s{.a = 1, .b = 2.5, .c = 'c'};";
  InitListSpelling L;
  L.Designated = true;
  L.Elements = {find(Text, ".a = 1"), find(Text, ".b = 2.5"), find(Text, ".c = 'c'")};
  L.ElidedBraces.assign(3, false);
  EXPECT_EQ(rewrite(Text, L, {2, 0, 1}, {}), "S s{.c = 'c', .a = 1, .b = 2.5};");
  // A subset: only the written ones are permuted.
  std::string Sub = "S s{.a = 1, .c = 'c'};";
  InitListSpelling M;
  M.Designated = true;
  M.Elements = {find(Sub, ".a = 1"), std::nullopt, find(Sub, ".c = 'c'")};
  M.ElidedBraces.assign(3, false);
  EXPECT_EQ(rewrite(Sub, M, {2, 1, 0}, {}), "S s{.c = 'c', .a = 1};");
}

// Positional initialisation skips unnamed bit-fields: struct { char a; int :
// 4; double b; char c; } initialised {'a', 2.5} is {a, b}; in {a, c, :4, b}
// the list names c ({}) and b, never the unnamed bit-field.
TEST(ReorderInitList, UnnamedBitFieldsAreSkipped) {
  std::string Text = "S s = {'a', 2.5};";
  InitListSpelling L = positional(Text, {}, 4);
  L.Elements[0] = find(Text, "'a'");
  L.Elements[2] = find(Text, "2.5");
  L.Skipped[1] = true;
  EXPECT_EQ(rewrite(Text, L, {0, 3, 1, 2}, {"{}", "", "{}", "{}"}), "S s = {'a', {}, 2.5};");
}

// C's {0} zero-initialises everything in any order: left alone.
TEST(ReorderInitList, ZeroListIsLeftAlone) {
  std::string Text = "struct s v = {0};";
  InitListSpelling L = positional(Text, {"0"}, 3);
  L.ZeroList = true;
  EXPECT_TRUE(reorderInitList(Text, L, {2, 1, 0}, {"", "", ""}).Edits.empty());
}

//===----------------------------------------------------------------------===//
// Edits
//===----------------------------------------------------------------------===//

TEST(TextEdits, ApplyAndOverlap) {
  EXPECT_EQ(applyEdits("abcdef", {{4, 1, "E"}, {0, 2, "xy"}, {3, 0, "+"}}), "xyc+dEf");
  EXPECT_TRUE(editsOverlap({{0, 3, ""}}, {{2, 2, ""}}));
  EXPECT_TRUE(editsOverlap({{2, 0, "x"}}, {{2, 0, "y"}}));
  EXPECT_FALSE(editsOverlap({{0, 2, ""}}, {{2, 2, ""}}));
}

} // namespace
