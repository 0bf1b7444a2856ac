//===- FieldReorderEdit.cpp - the source edit of a field reordering -------===//
//
// The rules of the edit:
//   - Each field declaration keeps its own text: attributes, alignas, default
//     member initializers, bit-widths and the way it is spelled move with it.
//   - When every field declaration has lines of its own, whole lines move: a
//     declaration takes along the comment lines directly above it (no blank
//     line between: its documentation) and the comment after it on its last
//     line (a block comment opened there may run over more lines). Blank lines, other members, access specifiers and comments
//     followed by a blank line stay where they are. Otherwise (`struct S {
//     char a; int b; };`) only the declarations themselves move.
//   - Declarations are permuted in the places they occupy: place i receives
//     the field that the new order puts i-th. A declaration of several
//     fields (`char a, b;`) stays whole while its fields stay together in
//     order; otherwise it is split into one declaration per field, each with
//     the shared part (`char`, attributes) and its own declarator.
//   - Trailing comments are aligned again the way clang-format aligns
//     consecutive trailing comments (at the longest code plus the spacing the
//     input uses), but only in runs of lines that the move changed, so a
//     formatted input gives an output clang-format leaves alone.
//   - A preprocessor directive inside the body refuses the edit: the fields of
//     other configurations are not visible.
//   - Constructor mem-initializers are permuted in their places, so that the
//     written order follows the new declaration order (no -Wreorder).
//   - A positional initializer list is rewritten to initialise the same
//     fields with the same values: it names the fields in the new order up to
//     the last one it initialises, writing a value-initializer for any field
//     it did not initialise before (or refusing when none is safe). A
//     brace-elided sub-aggregate gets braces when it moves or anything
//     follows it (it may be written partly). C++20 designated
//     lists are put into the new declaration order; C designated lists, and
//     the C idiom `{0}`, are valid in any order and are left alone.
//
//===----------------------------------------------------------------------===//
#include "lib/layout/FieldReorderEdit.h"
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <map>

namespace tightfit::layout {

namespace {

bool isSpace(char C) { return C == ' ' || C == '\t' || C == '\r' || C == '\f' || C == '\v'; }

unsigned lineStart(std::string_view Text, unsigned Pos) {
  while (Pos > 0 && Text[Pos - 1] != '\n')
    --Pos;
  return Pos;
}

bool allSpace(std::string_view S) {
  return std::all_of(S.begin(), S.end(), [](char C) { return isSpace(C); });
}

std::string_view trimRight(std::string_view S) {
  while (!S.empty() && (isSpace(S.back()) || S.back() == '\n'))
    S.remove_suffix(1);
  return S;
}

std::string_view trim(std::string_view S) {
  S = trimRight(S);
  while (!S.empty() && (isSpace(S.front()) || S.front() == '\n'))
    S.remove_prefix(1);
  return S;
}

/// The text of \p R.
std::string_view slice(std::string_view Text, ByteRange R) {
  return Text.substr(R.first, R.second - R.first);
}

/// \p S with comments replaced by 'c' (newlines kept) and string and
/// character literals by 's', so that code, comments and line structure can
/// be told apart by looking at single characters.
std::string maskCommentsAndLiterals(std::string_view S) {
  std::string Out(S);
  size_t I = 0;
  while (I < S.size()) {
    if (S.compare(I, 2, "//") == 0) {
      while (I < S.size() && S[I] != '\n')
        Out[I++] = 'c';
    } else if (S.compare(I, 2, "/*") == 0) {
      size_t End = S.find("*/", I + 2);
      End = End == std::string_view::npos ? S.size() : End + 2;
      for (; I < End; ++I)
        if (S[I] != '\n')
          Out[I] = 'c';
    } else if (S[I] == '"' || (S[I] == '\'' && !(I > 0 && std::isalnum(static_cast<unsigned char>(
                                                                S[I - 1]))))) {
      char Quote = S[I];
      Out[I++] = 's';
      while (I < S.size() && S[I] != Quote && S[I] != '\n') {
        if (S[I] == '\\' && I + 1 < S.size())
          Out[I++] = 's';
        Out[I++] = 's';
      }
      if (I < S.size() && S[I] == Quote)
        Out[I++] = 's';
    } else {
      ++I;
    }
  }
  return Out;
}

/// Where a declaration's lines are.
struct DeclLines {
  bool WholeLine = false;
  unsigned LeadStart = 0; ///< First line of the comments above it.
  unsigned LineStart = 0; ///< Start of the line of its first token.
  unsigned TrailEnd = 0;  ///< Just past the newline that ends its last line.
};

/// The end of the comments and spaces after \p End on its line, just past
/// the newline, or 0 if anything else follows on the line. A block comment
/// opened on the line may close on a later one (`int done; /* true when
/// ...\n ... */`): its lines belong to the declaration, and nothing but
/// spaces may follow it.
unsigned trailingLineEnd(std::string_view Text, unsigned End, unsigned Limit) {
  unsigned P = End;
  while (P < Limit && isSpace(Text[P]))
    ++P;
  if (Text.compare(P, 2, "//") == 0) {
    while (P < Limit && Text[P] != '\n')
      ++P;
  } else if (Text.compare(P, 2, "/*") == 0) {
    size_t Close = Text.find("*/", P + 2);
    if (Close == std::string_view::npos || Close + 2 > Limit)
      return 0;
    P = static_cast<unsigned>(Close + 2);
    while (P < Limit && isSpace(Text[P]))
      ++P;
  }
  if (P < Limit && Text[P] == '\n')
    return P + 1;
  return 0;
}

/// The start of the comment lines directly above \p LineStart, not above
/// \p Lower.
unsigned leadingCommentStart(std::string_view Text, unsigned LineStart, unsigned Lower) {
  unsigned Cur = LineStart;
  while (Cur > Lower) {
    unsigned PrevEnd = Cur - 1; // The newline ending the line above.
    unsigned PrevStart = lineStart(Text, PrevEnd);
    if (PrevStart < Lower)
      break;
    std::string_view Line = trim(Text.substr(PrevStart, PrevEnd - PrevStart));
    if (Line.empty())
      break;
    if (Line.substr(0, 2) == "//") {
      Cur = PrevStart;
      continue;
    }
    if (Line.size() >= 2 && Line.substr(Line.size() - 2) == "*/") {
      size_t Close = Text.rfind("*/", PrevEnd);
      size_t Open = Text.rfind("/*", Close);
      if (Open == std::string_view::npos || Open < Lower)
        break;
      unsigned OpenLine = lineStart(Text, static_cast<unsigned>(Open));
      if (OpenLine < Lower || !allSpace(Text.substr(OpenLine, Open - OpenLine)))
        break;
      Cur = OpenLine;
      continue;
    }
    break;
  }
  return Cur;
}

std::vector<DeclLines> measureLines(std::string_view Text, const RecordBodySpelling &Body) {
  std::vector<DeclLines> Lines;
  unsigned Lower = Body.BodyBegin;
  for (const FieldDeclSpelling &D : Body.Decls) {
    DeclLines L;
    L.LineStart = lineStart(Text, D.Begin);
    unsigned Trail = trailingLineEnd(Text, D.End, Body.BodyEnd);
    L.WholeLine = L.LineStart >= Body.BodyBegin &&
                  allSpace(Text.substr(L.LineStart, D.Begin - L.LineStart)) && Trail != 0;
    L.TrailEnd = L.WholeLine ? Trail : D.End;
    L.LeadStart = L.WholeLine ? leadingCommentStart(Text, L.LineStart, Lower) : D.Begin;
    Lower = L.TrailEnd;
    Lines.push_back(L);
  }
  return Lines;
}

//===----------------------------------------------------------------------===//
// Trailing comments
//===----------------------------------------------------------------------===//

/// A line with code followed by a comment that runs to its end.
struct CommentedLine {
  bool Has = false;
  size_t CodeEnd = 0;     ///< Column just past the last code character.
  size_t CommentCol = 0;  ///< Column of the comment.
  bool Tabs = false;
};

std::vector<std::string_view> splitLines(std::string_view S) {
  std::vector<std::string_view> Lines;
  size_t Pos = 0;
  while (true) {
    size_t NL = S.find('\n', Pos);
    if (NL == std::string_view::npos) {
      Lines.push_back(S.substr(Pos));
      return Lines;
    }
    Lines.push_back(S.substr(Pos, NL - Pos));
    Pos = NL + 1;
  }
}

std::vector<CommentedLine> classifyLines(std::string_view S) {
  std::string Masked = maskCommentsAndLiterals(S);
  std::vector<CommentedLine> Out;
  size_t Pos = 0;
  for (std::string_view Line : splitLines(S)) {
    std::string_view M(Masked.data() + Pos, Line.size());
    CommentedLine C;
    size_t LastCode = std::string_view::npos;
    for (size_t I = 0; I < M.size(); ++I)
      if (M[I] != 'c' && !isSpace(M[I]))
        LastCode = I;
    if (LastCode != std::string_view::npos) {
      size_t Comment = LastCode + 1;
      while (Comment < M.size() && isSpace(M[Comment]))
        ++Comment;
      // The rest of the line must be one comment opened on this line.
      if (Comment < M.size() && (Line.compare(Comment, 2, "//") == 0 ||
                                 (Line.compare(Comment, 2, "/*") == 0 &&
                                  trimRight(Line).size() >= 2 &&
                                  trimRight(Line).substr(trimRight(Line).size() - 2) == "*/"))) {
        C.Has = true;
        C.CodeEnd = LastCode + 1;
        C.CommentCol = Comment;
        C.Tabs = Line.find('\t') != std::string_view::npos;
      }
    }
    Out.push_back(C);
    Pos += Line.size() + 1;
  }
  return Out;
}

/// Runs of consecutive lines with trailing comments, as [first, last] line
/// indices.
std::vector<std::pair<size_t, size_t>> commentRuns(const std::vector<CommentedLine> &C) {
  std::vector<std::pair<size_t, size_t>> Runs;
  for (size_t I = 0; I < C.size(); ++I) {
    if (!C[I].Has)
      continue;
    if (!Runs.empty() && Runs.back().second + 1 == I)
      Runs.back().second = I;
    else
      Runs.emplace_back(I, I);
  }
  return Runs;
}

/// Realigns the trailing comments of the runs of \p New that are not runs of
/// \p Old, line for line.
std::string realignTrailingComments(std::string_view Old, std::string_view New) {
  std::vector<std::string_view> OldLines = splitLines(Old), NewLines = splitLines(New);
  std::vector<CommentedLine> OldC = classifyLines(Old), NewC = classifyLines(New);
  // The spacing before aligned comments in the input: the smallest gap of
  // each run (its longest line), the most common one over the runs.
  std::map<size_t, unsigned> GapVotes;
  std::vector<std::vector<std::string_view>> OldRuns;
  for (auto [First, Last] : commentRuns(OldC)) {
    size_t Gap = SIZE_MAX;
    std::vector<std::string_view> Run;
    for (size_t I = First; I <= Last; ++I) {
      Gap = std::min(Gap, OldC[I].CommentCol - OldC[I].CodeEnd);
      Run.push_back(OldLines[I]);
    }
    ++GapVotes[std::max<size_t>(Gap, 1)];
    OldRuns.push_back(std::move(Run));
  }
  size_t Gap = 1;
  unsigned Votes = 0;
  for (auto [G, V] : GapVotes)
    if (V > Votes)
      Gap = G, Votes = V;

  std::vector<std::string> Out(NewLines.begin(), NewLines.end());
  for (auto [First, Last] : commentRuns(NewC)) {
    std::vector<std::string_view> Run(NewLines.begin() + First, NewLines.begin() + Last + 1);
    if (std::find(OldRuns.begin(), OldRuns.end(), Run) != OldRuns.end())
      continue;
    bool Tabs = false;
    size_t Column = 0;
    for (size_t I = First; I <= Last; ++I) {
      Tabs |= NewC[I].Tabs;
      Column = std::max(Column, NewC[I].CodeEnd + Gap);
    }
    if (Tabs)
      continue;
    for (size_t I = First; I <= Last; ++I) {
      std::string_view Line = NewLines[I];
      Out[I] = std::string(Line.substr(0, NewC[I].CodeEnd)) +
               std::string(Column - NewC[I].CodeEnd, ' ') +
               std::string(Line.substr(NewC[I].CommentCol));
    }
  }
  std::string Result;
  for (size_t I = 0; I < Out.size(); ++I) {
    if (I)
      Result += '\n';
    Result += Out[I];
  }
  return Result;
}

/// One edit for the lines where \p New differs from \p Old (both the text
/// starting at \p Base).
std::vector<TextEdit> lineDiff(unsigned Base, std::string_view Old, std::string_view New) {
  if (Old == New)
    return {};
  // Common prefix and suffix, widened to whole lines.
  size_t Prefix = 0;
  while (Prefix < Old.size() && Prefix < New.size() && Old[Prefix] == New[Prefix])
    ++Prefix;
  while (Prefix > 0 && Old[Prefix - 1] != '\n')
    --Prefix;
  size_t Suffix = 0;
  while (Suffix < Old.size() - Prefix && Suffix < New.size() - Prefix &&
         Old[Old.size() - 1 - Suffix] == New[New.size() - 1 - Suffix])
    ++Suffix;
  while (Suffix > 0 && Old[Old.size() - Suffix] != '\n')
    --Suffix;
  TextEdit E;
  E.Offset = Base + static_cast<unsigned>(Prefix);
  E.Length = static_cast<unsigned>(Old.size() - Prefix - Suffix);
  E.Text = std::string(New.substr(Prefix, New.size() - Prefix - Suffix));
  return {E};
}

} // namespace

std::string applyEdits(std::string_view Text, std::vector<TextEdit> Edits) {
  std::stable_sort(Edits.begin(), Edits.end(),
                   [](const TextEdit &A, const TextEdit &B) { return A.Offset < B.Offset; });
  std::string Out;
  unsigned Pos = 0;
  for (const TextEdit &E : Edits) {
    Out.append(Text.substr(Pos, E.Offset - Pos));
    Out += E.Text;
    Pos = E.Offset + E.Length;
  }
  Out.append(Text.substr(Pos));
  return Out;
}

bool editsOverlap(const std::vector<TextEdit> &A, const std::vector<TextEdit> &B) {
  for (const TextEdit &X : A)
    for (const TextEdit &Y : B) {
      if (X.Offset == Y.Offset)
        return true;
      if (X.Offset < Y.Offset + Y.Length && Y.Offset < X.Offset + X.Length)
        return true;
    }
  return false;
}

bool bodyHasDirective(std::string_view Text, const RecordBodySpelling &Body) {
  std::string Masked =
      maskCommentsAndLiterals(Text.substr(Body.BodyBegin, Body.BodyEnd - Body.BodyBegin));
  bool LineBegin = false; // The body starts after '{', mid-line.
  for (char C : Masked) {
    if (C == '\n') {
      LineBegin = true;
    } else if (!isSpace(C)) {
      if (LineBegin && C == '#')
        return true;
      LineBegin = false;
    }
  }
  return false;
}

std::vector<unsigned> authorGroups(std::string_view Text, const RecordBodySpelling &Body) {
  std::vector<unsigned> Groups;
  unsigned Group = 0;
  for (size_t K = 0; K < Body.Decls.size(); ++K) {
    const FieldDeclSpelling &D = Body.Decls[K];
    bool NewGroup = K == 0;
    if (K > 0) {
      unsigned From = Body.Decls[K - 1].End;
      std::string Gap = maskCommentsAndLiterals(Text.substr(From, D.Begin - From));
      bool Code = std::any_of(Gap.begin(), Gap.end(),
                              [](char C) { return C != 'c' && C != '\n' && !isSpace(C); });
      std::vector<std::string_view> Lines = splitLines(Gap);
      bool Blank = false;
      for (size_t I = 1; I + 1 < Lines.size(); ++I)
        Blank |= allSpace(Lines[I]);
      NewGroup = Code || Blank;
    }
    if (NewGroup)
      ++Group;
    for (size_t F = 0; F < D.Fields.size(); ++F)
      Groups.push_back(Group);
  }
  return Groups;
}

BodyEdit reorderFieldDeclarations(std::string_view Text, const RecordBodySpelling &Body,
                                  const std::vector<unsigned> &NewFieldOrder) {
  BodyEdit Result;
  if (bodyHasDirective(Text, Body)) {
    Result.Refusal = EditRefusal::Directive;
    return Result;
  }
  std::vector<DeclLines> Lines = measureLines(Text, Body);
  bool LineMode = std::all_of(Lines.begin(), Lines.end(),
                              [](const DeclLines &L) { return L.WholeLine; });
  Result.LineMode = LineMode;

  std::vector<size_t> DeclOf;
  for (size_t K = 0; K < Body.Decls.size(); ++K)
    for (size_t F = 0; F < Body.Decls[K].Fields.size(); ++F)
      DeclOf.push_back(K);
  if (DeclOf.size() != NewFieldOrder.size())
    return Result;

  auto Region = [&](size_t K) -> ByteRange {
    return LineMode ? ByteRange{Lines[K].LeadStart, Lines[K].TrailEnd}
                    : ByteRange{Body.Decls[K].Begin, Body.Decls[K].End};
  };
  // One field of a shared declaration, as a declaration of its own.
  auto Split = [&](unsigned Field, std::string &Out) {
    const FieldDeclSpelling &D = Body.Decls[DeclOf[Field]];
    size_t Index = Field - D.Fields.front();
    if (D.Declarators.size() != D.Fields.size() || D.Declarators[0].first <= D.Begin)
      return false;
    std::string_view Shared = trimRight(Text.substr(D.Begin, D.Declarators[0].first - D.Begin));
    if (Shared.empty() || Shared.back() == ',')
      return false;
    std::string Decl = std::string(Shared) + " " +
                       std::string(trim(slice(Text, D.Declarators[Index]))) + ";";
    if (!LineMode) {
      Out += Decl;
      return true;
    }
    const DeclLines &L = Lines[DeclOf[Field]];
    bool First = Index == 0;
    if (First)
      Out += Text.substr(L.LeadStart, L.LineStart - L.LeadStart);
    Out += Text.substr(L.LineStart, D.Begin - L.LineStart);
    Out += Decl;
    Out += First ? std::string(Text.substr(D.End, L.TrailEnd - D.End)) : std::string("\n");
    return true;
  };

  std::vector<TextEdit> Edits;
  size_t FirstField = 0;
  for (size_t K = 0; K < Body.Decls.size(); ++K) {
    size_t Count = Body.Decls[K].Fields.size();
    std::string New;
    size_t P = FirstField;
    while (P < FirstField + Count) {
      unsigned F = NewFieldOrder[P];
      const FieldDeclSpelling &Source = Body.Decls[DeclOf[F]];
      size_t N = Source.Fields.size();
      bool Whole = Source.Fields.front() == F && P + N <= FirstField + Count &&
                   std::equal(Source.Fields.begin(), Source.Fields.end(),
                              NewFieldOrder.begin() + P);
      if (Whole) {
        if (!LineMode && !New.empty())
          New += ' ';
        New += slice(Text, Region(DeclOf[F]));
        P += N;
        continue;
      }
      if (!LineMode && !New.empty())
        New += ' ';
      if (!Split(F, New)) {
        Result.Refusal = EditRefusal::UnsplittableDeclaration;
        Result.RefusedField = F;
        return Result;
      }
      ++P;
    }
    ByteRange R = Region(K);
    if (New != slice(Text, R))
      Edits.push_back({R.first, R.second - R.first, std::move(New)});
    FirstField += Count;
  }
  Result.Edits = std::move(Edits);
  return Result;
}

std::vector<TextEdit> finishRecordEdits(std::string_view Text, const RecordBodySpelling &Body,
                                        std::vector<TextEdit> Edits, bool LineMode) {
  if (!LineMode || Edits.empty())
    return Edits;
  // Whole lines moved: realign the trailing comments of the changed runs,
  // then express the body's edits as one edit of the lines that differ.
  unsigned From = lineStart(Text, Body.BodyBegin);
  std::vector<TextEdit> Inside, Outside;
  for (TextEdit &E : Edits) {
    if (E.Offset >= From && E.Offset + E.Length <= Body.BodyEnd) {
      E.Offset -= From;
      Inside.push_back(std::move(E));
    } else {
      Outside.push_back(std::move(E));
    }
  }
  std::string_view Old = Text.substr(From, Body.BodyEnd - From);
  std::string New = realignTrailingComments(Old, applyEdits(Old, Inside));
  for (TextEdit &E : lineDiff(From, Old, New))
    Outside.push_back(std::move(E));
  return Outside;
}

std::vector<TextEdit> reorderMemInitializers(std::string_view Text, const MemInitSpelling &Inits,
                                             const std::vector<unsigned> &NewFieldOrder) {
  std::vector<unsigned> Position(NewFieldOrder.size(), 0);
  for (unsigned P = 0; P < NewFieldOrder.size(); ++P)
    Position[NewFieldOrder[P]] = P;
  std::vector<std::pair<unsigned, ByteRange>> Sorted = Inits.FieldInits;
  std::stable_sort(Sorted.begin(), Sorted.end(), [&](const auto &A, const auto &B) {
    return Position[A.first] < Position[B.first];
  });
  std::vector<TextEdit> Edits;
  for (size_t Slot = 0; Slot < Sorted.size(); ++Slot) {
    ByteRange Place = Inits.FieldInits[Slot].second;
    std::string_view New = slice(Text, Sorted[Slot].second);
    if (New != slice(Text, Place))
      Edits.push_back({Place.first, Place.second - Place.first, std::string(New)});
  }
  return Edits;
}

BodyEdit reorderInitList(std::string_view Text, const InitListSpelling &List,
                         const std::vector<unsigned> &NewFieldOrder,
                         const std::vector<std::string> &ValueInit) {
  BodyEdit Result;
  size_t N = NewFieldOrder.size();
  if (List.Elements.size() != N || List.ZeroList)
    return Result;
  std::vector<unsigned> Position(N, 0);
  for (unsigned P = 0; P < N; ++P)
    Position[NewFieldOrder[P]] = P;
  auto Written = [&](unsigned F) { return List.Elements[F].has_value(); };

  // The places the list occupies now, in source (= declaration) order.
  std::vector<unsigned> WrittenFields;
  for (unsigned F = 0; F < N; ++F)
    if (Written(F))
      WrittenFields.push_back(F);
  if (WrittenFields.empty())
    return Result;

  auto TextOf = [&](unsigned F, bool Moves) {
    std::string S(slice(Text, *List.Elements[F]));
    if (Moves && F < List.ElidedBraces.size() && List.ElidedBraces[F])
      S = "{" + S + "}";
    return S;
  };

  std::vector<std::string> NewElements;
  if (List.Designated) {
    std::vector<unsigned> Sorted = WrittenFields;
    std::stable_sort(Sorted.begin(), Sorted.end(),
                     [&](unsigned A, unsigned B) { return Position[A] < Position[B]; });
    for (size_t Slot = 0; Slot < Sorted.size(); ++Slot)
      NewElements.push_back(TextOf(Sorted[Slot], Sorted[Slot] != WrittenFields[Slot]));
  } else {
    // The fields positional elements initialise, in the new order.
    std::vector<unsigned> Sequence;
    for (unsigned F : NewFieldOrder)
      if (F >= List.Skipped.size() || !List.Skipped[F])
        Sequence.push_back(F);
    unsigned Last = 0;
    for (unsigned P = 0; P < Sequence.size(); ++P)
      if (Written(Sequence[P]))
        Last = P;
    for (unsigned P = 0; P <= Last; ++P) {
      unsigned F = Sequence[P];
      if (Written(F)) {
        // A brace-elided sub-aggregate gets braces when it moves, and when
        // anything follows it: written partly, it would take the next
        // elements as its own.
        bool Moves = P >= WrittenFields.size() || WrittenFields[P] != F;
        NewElements.push_back(TextOf(F, Moves || P < Last));
        continue;
      }
      if (F >= ValueInit.size() || ValueInit[F].empty()) {
        Result.Refusal = EditRefusal::CannotValueInitialise;
        Result.RefusedField = F;
        return Result;
      }
      NewElements.push_back(ValueInit[F]);
    }
  }

  size_t K = WrittenFields.size();
  if (List.Elided && NewElements.size() > K) {
    // No braces of its own: give it some rather than grow the enclosing list.
    ByteRange All{List.Elements[WrittenFields.front()]->first,
                  List.Elements[WrittenFields.back()]->second};
    std::string Joined = "{";
    for (size_t I = 0; I < NewElements.size(); ++I)
      Joined += (I ? ", " : "") + NewElements[I];
    Joined += "}";
    Result.Edits.push_back({All.first, All.second - All.first, Joined});
    return Result;
  }
  // Elements beyond the written ones follow the last place, in the same edit.
  for (size_t I = K; I < NewElements.size(); ++I)
    NewElements[K - 1] += ", " + NewElements[I];
  for (size_t Slot = 0; Slot < K; ++Slot) {
    ByteRange Place = *List.Elements[WrittenFields[Slot]];
    if (NewElements[Slot] != slice(Text, Place))
      Result.Edits.push_back({Place.first, Place.second - Place.first, NewElements[Slot]});
  }
  return Result;
}

} // namespace tightfit::layout
