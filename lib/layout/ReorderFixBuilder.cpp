//===- ReorderFixBuilder.cpp - a field reordering as a fix-it -------------===//
//
// The order of the decisions (the first refusal found is the one reported):
//   1. where the record is (system header, header, macro, class template);
//   2. what its declaration says (packed, volatile, C linkage, fields from
//      macros, a defaulted operator<=>);
//   3. uses in the translation unit that observe the layout;
//   4. the new order itself (access sections, members a field's type uses);
//   5. initialisation order (reads of later fields, side effects, user code
//      in constructors and destructors);
//   6. the edits: field declarations, mem-initializer lists, initializer
//      lists, each of which may refuse (directives, unsplittable
//      declarations, macros, templates, fields a list cannot name).
// A positional list's value-initializer for a field it did not initialise is
// `{}` in C++ (what an omitted element is copy-initialised from; refused for
// references and fields with a default member initializer), `0` for a C
// scalar and `{0}` for a C aggregate (what static storage would hold).
//
//===----------------------------------------------------------------------===//
#include "lib/layout/ReorderFixBuilder.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include <algorithm>
#include <map>

using namespace clang;

namespace tightfit::layout {

namespace {

std::vector<const FieldDecl *> fieldsOf(const RecordDecl &Record) {
  return std::vector<const FieldDecl *>(Record.field_begin(), Record.field_end());
}

/// The model's index of \p FD, or -1.
int fieldIndex(const std::vector<const FieldDecl *> &Fields, const ValueDecl *D) {
  if (const auto *IFD = dyn_cast_or_null<IndirectFieldDecl>(D))
    D = IFD->getAnonField();
  for (size_t I = 0; I < Fields.size(); ++I)
    if (Fields[I] == D)
      return static_cast<int>(I);
  return -1;
}

std::optional<ByteRange> fileRange(SourceRange R, const SourceManager &SM, const LangOptions &LO,
                                   FileID *File = nullptr) {
  CharSourceRange C =
      Lexer::makeFileCharRange(CharSourceRange::getTokenRange(R), SM, LO);
  // A whole macro expansion (`NULL`, `FOO(x)`) maps to its invocation's text,
  // which can move; part of an expansion does not map and is refused.
  if (C.isInvalid())
    return std::nullopt;
  std::pair<FileID, unsigned> B = SM.getDecomposedLoc(C.getBegin());
  std::pair<FileID, unsigned> E = SM.getDecomposedLoc(C.getEnd());
  if (B.first != E.first || E.second < B.second)
    return std::nullopt;
  if (File)
    *File = B.first;
  return ByteRange{B.second, E.second};
}

/// The ',' or ';' that ends the declarator whose last token is \p Last.
std::optional<SourceLocation> declaratorTerminator(SourceLocation Last, const SourceManager &SM,
                                                   const LangOptions &LO) {
  SourceLocation Loc = Last;
  int Depth = 0;
  for (int Steps = 0; Steps < 256 && Loc.isValid(); ++Steps) {
    std::optional<Token> Tok = Lexer::findNextToken(Loc, SM, LO);
    if (!Tok)
      return std::nullopt;
    if (Tok->isOneOf(tok::l_paren, tok::l_square, tok::l_brace))
      ++Depth;
    else if (Tok->isOneOf(tok::r_paren, tok::r_square, tok::r_brace)) {
      if (Depth-- == 0)
        return std::nullopt;
    } else if (Depth == 0 && Tok->isOneOf(tok::comma, tok::semi))
      return Tok->getLocation();
    Loc = Tok->getLocation();
  }
  return std::nullopt;
}

bool isSpaceChar(char C) { return C == ' ' || C == '\t' || C == '\n' || C == '\r'; }
bool isIdentChar(char C) {
  return std::isalnum(static_cast<unsigned char>(C)) || C == '_' || C == '$';
}

/// Where the declarator of a shared declaration's first field starts: the
/// leftmost `*`, `&` or `(` directly before its name (with cv-qualifiers
/// between them), or the name itself. None when it cannot be told.
std::optional<unsigned> firstDeclaratorStart(std::string_view Text, unsigned DeclBegin,
                                             unsigned NameOffset) {
  unsigned P = NameOffset, Start = NameOffset;
  while (true) {
    unsigned Q = P;
    while (Q > DeclBegin && isSpaceChar(Text[Q - 1]))
      --Q;
    if (Q <= DeclBegin)
      return std::nullopt; // No shared part left.
    char C = Text[Q - 1];
    if (C == '*' || C == '&' || C == '(') {
      if (C == '*' && Q >= 2 && Text[Q - 2] == ':')
        return std::nullopt; // A member pointer `C::*`.
      P = Start = Q - 1;
      continue;
    }
    if (isIdentChar(C)) {
      unsigned I = Q;
      while (I > DeclBegin && isIdentChar(Text[I - 1]))
        --I;
      std::string_view Word = Text.substr(I, Q - I);
      if (Word == "const" || Word == "volatile" || Word == "restrict" || Word == "__restrict" ||
          Word == "__restrict__") {
        P = I;
        continue;
      }
      return Start;
    }
    if (C == '/')
      return std::nullopt; // A comment in the way.
    return Start;
  }
}

//===----------------------------------------------------------------------===//
// Initialisation facts
//===----------------------------------------------------------------------===//

class InitFactsCollector {
public:
  InitFactsCollector(const CXXRecordDecl &Class, const std::vector<const FieldDecl *> &Fields,
                     ASTContext &Ctx)
      : Class(Class), Fields(Fields), Ctx(Ctx) {}

  void collect(const Expr *E, FieldInitFacts &Facts) {
    if (!E)
      return;
    if (E->HasSideEffects(Ctx, /*IncludePossibleEffects=*/false))
      Facts.OrderSensitive = true;
    visit(E, Facts);
  }

private:
  void visit(const Stmt *S, FieldInitFacts &Facts) {
    if (!S)
      return;
    if (const auto *ME = dyn_cast<MemberExpr>(S)) {
      if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts())) {
        const ValueDecl *Member = ME->getMemberDecl();
        if (isa<FieldDecl>(Member) || isa<IndirectFieldDecl>(Member)) {
          int I = fieldIndex(Fields, Member);
          if (I >= 0)
            Facts.Reads.push_back(static_cast<unsigned>(I));
        } else if (const auto *MD = dyn_cast<CXXMethodDecl>(Member); MD && !MD->isStatic()) {
          Facts.ReadsAnyField = true;
        }
        return;
      }
    }
    if (isa<CXXThisExpr>(S)) {
      Facts.ReadsAnyField = true;
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *FD = Call->getDirectCallee();
      if (!FD || !calleeIsQuiet(*FD))
        Facts.OrderSensitive = true;
    }
    for (const Stmt *Child : S->children())
      visit(Child, Facts);
  }

  /// A call whose order relative to other initialisers cannot matter:
  /// constexpr functions, const members, builtins and the standard library.
  static bool calleeIsQuiet(const FunctionDecl &FD) {
    if (FD.isConstexpr() || FD.getBuiltinID())
      return true;
    if (const auto *MD = dyn_cast<CXXMethodDecl>(&FD); MD && MD->isConst())
      return true;
    for (const DeclContext *C = FD.getDeclContext(); C; C = C->getParent())
      if (const auto *NS = dyn_cast<NamespaceDecl>(C))
        if (NS->isStdNamespace())
          return true;
    return false;
  }

  const CXXRecordDecl &Class;
  const std::vector<const FieldDecl *> &Fields;
  ASTContext &Ctx;
};

/// Types whose construction or destruction runs user-written code: user
/// classes with user-provided constructors or destructor, and anything
/// holding one (standard templates through their type arguments).
class LifetimeOracle {
public:
  explicit LifetimeOracle(const SourceManager &SM) : SM(SM) {}

  bool runsUserCode(QualType T, unsigned Depth = 0) {
    if (T.isNull() || Depth > 16)
      return false;
    const Type *Base = T.getCanonicalType()->getBaseElementTypeUnsafe();
    const CXXRecordDecl *RD = Base ? Base->getAsCXXRecordDecl() : nullptr;
    if (!RD || !RD->hasDefinition())
      return false;
    RD = RD->getDefinition();
    auto It = Memo.find(RD);
    if (It != Memo.end())
      return It->second;
    Memo[RD] = false;
    bool Result = false;
    if (SM.isInSystemHeader(RD->getLocation())) {
      if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
        for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
          if (A.getKind() == TemplateArgument::Type && runsUserCode(A.getAsType(), Depth + 1))
            Result = true;
    } else {
      if (const CXXDestructorDecl *D = RD->getDestructor(); D && D->isUserProvided())
        Result = true;
      for (const CXXConstructorDecl *C : RD->ctors())
        if (C->isUserProvided())
          Result = true;
      for (const FieldDecl *F : RD->fields())
        Result = Result || runsUserCode(F->getType(), Depth + 1);
      for (const CXXBaseSpecifier &B : RD->bases())
        Result = Result || runsUserCode(B.getType(), Depth + 1);
    }
    Memo[RD] = Result;
    return Result;
  }

private:
  const SourceManager &SM;
  llvm::DenseMap<const CXXRecordDecl *, bool> Memo;
};

//===----------------------------------------------------------------------===//
// Names a field's declaration uses
//===----------------------------------------------------------------------===//

class DeclarationUses : public RecursiveASTVisitor<DeclarationUses> {
public:
  std::vector<const NamedDecl *> Used;
  bool VisitTagTypeLoc(TagTypeLoc TL) {
    Used.push_back(TL.getDecl());
    return true;
  }
  bool VisitTypedefTypeLoc(TypedefTypeLoc TL) {
    Used.push_back(TL.getTypedefNameDecl());
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    Used.push_back(E->getDecl());
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    Used.push_back(E->getMemberDecl());
    return true;
  }
};

bool declaredInside(const Decl *D, const RecordDecl &Record) {
  for (const DeclContext *C = D->getDeclContext(); C; C = C->getParent())
    if (const auto *RD = dyn_cast<RecordDecl>(C))
      if (RD->getCanonicalDecl() == Record.getCanonicalDecl())
        return true;
  return false;
}

} // namespace

//===----------------------------------------------------------------------===//
// Measuring the record
//===----------------------------------------------------------------------===//

RecordSourceFacts measureRecordSource(const RecordDecl &Record, const RecordLayoutModel &Model,
                                      ASTContext &Ctx) {
  RecordSourceFacts Facts;
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  std::vector<const FieldDecl *> Fields = fieldsOf(Record);

  // Access sections: only when the fields do not all share one access.
  if (const auto *Class = dyn_cast<CXXRecordDecl>(&Record)) {
    bool Mixed = false;
    for (const FieldDecl *F : Fields)
      Mixed |= F->getAccess() != Fields.front()->getAccess();
    if (Mixed) {
      unsigned Section = 0;
      for (const Decl *D : Class->decls()) {
        if (isa<AccessSpecDecl>(D))
          ++Section;
        else if (isa<FieldDecl>(D))
          Facts.AccessSections.push_back(Section);
      }
    }
  }

  SourceRange Braces = Record.getBraceRange();
  if (Braces.getBegin().isInvalid() || Braces.getBegin().isMacroID() ||
      Braces.getEnd().isMacroID() || Model.Fields.size() != Fields.size())
    return Facts;
  FileID File = SM.getFileID(Braces.getBegin());
  if (SM.getFileID(Braces.getEnd()) != File)
    return Facts;
  bool Invalid = false;
  StringRef Text = SM.getBufferData(File, &Invalid);
  if (Invalid)
    return Facts;
  std::string_view View(Text.data(), Text.size());

  RecordBodySpelling Body;
  Body.BodyBegin = SM.getFileOffset(Braces.getBegin()) + 1;
  Body.BodyEnd = SM.getFileOffset(Braces.getEnd());
  for (size_t I = 0; I < Model.Fields.size(); ++I) {
    const SourceSpan &S = Model.Fields[I].Decl;
    if (S.InMacro || S.End <= S.Begin || S.Begin < Body.BodyBegin || S.End > Body.BodyEnd)
      return Facts;
    if (!Body.Decls.empty() && Body.Decls.back().Begin == S.Begin) {
      Body.Decls.back().Fields.push_back(static_cast<unsigned>(I));
      Body.Decls.back().End = std::max(Body.Decls.back().End, S.End);
      continue;
    }
    FieldDeclSpelling D;
    D.Begin = S.Begin;
    D.End = S.End;
    D.Fields.push_back(static_cast<unsigned>(I));
    Body.Decls.push_back(D);
  }
  // Declarators of shared declarations.
  for (FieldDeclSpelling &D : Body.Decls) {
    if (D.Fields.size() < 2)
      continue;
    std::vector<ByteRange> Declarators;
    unsigned Next = 0;
    bool Ok = true;
    for (size_t K = 0; K < D.Fields.size() && Ok; ++K) {
      const FieldDecl *FD = Fields[D.Fields[K]];
      unsigned Start;
      if (K == 0) {
        SourceLocation Name = FD->getLocation();
        std::optional<unsigned> S =
            FD->getIdentifier() && !Name.isMacroID()
                ? firstDeclaratorStart(View, D.Begin, SM.getFileOffset(Name))
                : std::nullopt;
        Ok = S.has_value();
        Start = S.value_or(0);
      } else {
        Start = Next;
      }
      std::optional<SourceLocation> Term =
          Ok ? declaratorTerminator(FD->getSourceRange().getEnd(), SM, LO) : std::nullopt;
      if (!Term || Term->isMacroID()) {
        Ok = false;
        break;
      }
      unsigned End = SM.getFileOffset(*Term);
      Declarators.emplace_back(Start, End);
      // The next declarator starts at the first token after the comma.
      std::optional<Token> After = Lexer::findNextToken(*Term, SM, LO);
      Next = After ? SM.getFileOffset(After->getLocation()) : End + 1;
    }
    if (Ok)
      D.Declarators = std::move(Declarators);
  }
  Facts.File = File;
  Facts.Groups = authorGroups(View, Body);
  Facts.Body = std::move(Body);
  return Facts;
}

//===----------------------------------------------------------------------===//
// The fix
//===----------------------------------------------------------------------===//

namespace {

class FixBuilder {
public:
  FixBuilder(const RecordDecl &Record, const RecordLayoutModel &Model,
             const RecordSourceFacts &Source, const std::vector<unsigned> &Order,
             const RecordUses *Uses, ASTContext &Ctx, const ReorderFixOptions &Options)
      : Record(Record), Model(Model), Source(Source), Order(Order), Uses(Uses), Ctx(Ctx),
        SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()), Options(Options),
        Fields(fieldsOf(Record)) {
    Position.assign(Order.size(), 0);
    for (unsigned P = 0; P < Order.size(); ++P)
      Position[Order[P]] = P;
  }

  ReorderFix build() {
    if (Order.size() != Model.Fields.size() || Fields.size() != Model.Fields.size())
      return refuse(FixRefusal::RecordInMacro, "");
    if (refusedByPlace() || refusedByDeclaration() || refusedByUses() || refusedByOrder() ||
        refusedByInitialisation())
      return std::move(Fix);
    makeEdits();
    return std::move(Fix);
  }

private:
  ReorderFix refuse(FixRefusal Kind, std::string Detail, SourceLocation Loc = {}) {
    Fix.Refusal = {Kind, std::move(Detail)};
    Fix.RefusalLoc = Loc;
    Fix.Edits.clear();
    return std::move(Fix);
  }
  /// Records the refusal; true, for the checks that return "refused".
  bool setRefusal(FixRefusal Kind, std::string Detail, SourceLocation Loc = {}) {
    Fix.Refusal = {Kind, std::move(Detail)};
    Fix.RefusalLoc = Loc;
    Fix.Edits.clear();
    return true;
  }
  /// Records the refusal; false, for the edit steps that return "go on".
  bool stop(FixRefusal Kind, std::string Detail, SourceLocation Loc = {}) {
    setRefusal(Kind, std::move(Detail), Loc);
    return false;
  }

  std::string fieldName(unsigned I) const { return Model.Fields[I].DisplayName; }

  bool refusedByPlace() {
    SourceLocation Loc = Record.getLocation();
    if (SM.isInSystemHeader(Loc))
      return setRefusal(FixRefusal::InSystemHeader, "");
    SourceRange Braces = Record.getBraceRange();
    if (Loc.isMacroID() || Braces.getBegin().isMacroID() || Braces.getEnd().isMacroID())
      return setRefusal(FixRefusal::RecordInMacro, "");
    if (!Options.FixRecordsInHeaders && !SM.isInMainFile(SM.getExpansionLoc(Loc)))
      return setRefusal(FixRefusal::InHeader, "");
    if (const auto *Class = dyn_cast<CXXRecordDecl>(&Record)) {
      if (Class->getDescribedClassTemplate() || Class->getTemplateInstantiationPattern() ||
          Class->isDependentContext())
        return setRefusal(FixRefusal::ClassTemplate, "");
      if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Class))
        if (Spec->getSpecializationKind() != TSK_ExplicitSpecialization)
          return setRefusal(FixRefusal::ClassTemplate, "");
    }
    for (const DeclContext *C = Record.getDeclContext(); C; C = C->getParent())
      if (const auto *Outer = dyn_cast<CXXRecordDecl>(C))
        if (Outer->getDescribedClassTemplate() || Outer->getTemplateInstantiationPattern())
          return setRefusal(FixRefusal::ClassTemplate, "");
    return false;
  }

  /// How the record (or a class it is nested in) is exported from its
  /// library, or nothing. A build with -fvisibility=hidden or on Windows
  /// marks the types of a library's API with an attribute; a static build of
  /// the same code often defines the export macro as nothing, so a macro
  /// spelled between the class key and the name counts too: no other
  /// identifier can stand there.
  std::optional<std::string> exportedBy() const {
    for (const DeclContext *C = &Record; C; C = C->getParent()) {
      const auto *Tag = dyn_cast<TagDecl>(C);
      if (!Tag)
        continue;
      if (const auto *V = Tag->getAttr<VisibilityAttr>())
        if (V->getVisibility() != VisibilityAttr::Hidden)
          return std::string("visibility attribute");
      if (Tag->hasAttr<DLLExportAttr>() || Tag->hasAttr<DLLImportAttr>())
        return std::string("dllexport/dllimport attribute");
      if (std::optional<std::string> Macro = macroBeforeName(*Tag))
        return "'" + *Macro + "'";
    }
    return std::nullopt;
  }

  /// The first identifier between the class key and the name of \p Tag that
  /// is not an attribute keyword (so a macro), skipping `[[...]]` and
  /// parenthesised attribute arguments.
  std::optional<std::string> macroBeforeName(const TagDecl &Tag) const {
    SourceLocation Key = Tag.getInnerLocStart();
    SourceLocation Name = Tag.getQualifierLoc() ? Tag.getQualifierLoc().getBeginLoc()
                                                : Tag.getLocation();
    if (Key.isInvalid() || Name.isInvalid() || Key.isMacroID() || Name.isMacroID() ||
        SM.getFileID(Key) != SM.getFileID(Name) || !SM.isBeforeInTranslationUnit(Key, Name))
      return std::nullopt;
    bool Invalid = false;
    StringRef Buffer = SM.getBufferData(SM.getFileID(Key), &Invalid);
    if (Invalid)
      return std::nullopt;
    unsigned Begin = SM.getFileOffset(Key), End = SM.getFileOffset(Name);
    Lexer Raw(SM.getLocForStartOfFile(SM.getFileID(Key)), LO, Buffer.begin(),
              Buffer.begin() + Begin, Buffer.end());
    Token Tok;
    Raw.LexFromRawLexer(Tok); // The class key.
    int Depth = 0;
    while (!Raw.LexFromRawLexer(Tok) && SM.getFileOffset(Tok.getLocation()) < End) {
      if (Tok.isOneOf(tok::l_paren, tok::l_square))
        ++Depth;
      else if (Tok.isOneOf(tok::r_paren, tok::r_square))
        --Depth;
      else if (Depth == 0 && Tok.is(tok::raw_identifier)) {
        StringRef Id = Tok.getRawIdentifier();
        if (Id == "__attribute__" || Id == "__attribute" || Id == "__declspec" ||
            Id == "alignas" || Id == "_Alignas")
          continue;
        return Id.str();
      }
    }
    return std::nullopt;
  }

  bool refusedByDeclaration() {
    if (Record.hasAttr<PackedAttr>() || Record.hasAttr<MaxFieldAlignmentAttr>() ||
        LO.PackStruct)
      return setRefusal(FixRefusal::Packed, "");
    for (unsigned I = 0; I < Fields.size(); ++I) {
      if (Fields[I]->hasAttr<PackedAttr>())
        return setRefusal(FixRefusal::Packed, "");
      QualType T = Fields[I]->getType();
      if (T.isVolatileQualified() || Ctx.getBaseElementType(T).isVolatileQualified())
        return setRefusal(FixRefusal::Volatile, fieldName(I), Fields[I]->getLocation());
    }
    if (!Options.FixCLinkageRecords) {
      if (LO.CPlusPlus && Record.getDeclContext()->isExternCContext())
        return setRefusal(FixRefusal::CLinkage, "it is declared in an extern \"C\" block");
      // In C as in C++: a file that tests __cplusplus is meant for both, and
      // usually for code outside this build too (a library's public header).
      bool Invalid = false;
      StringRef Text = SM.getBufferData(SM.getFileID(SM.getExpansionLoc(Record.getLocation())),
                                        &Invalid);
      if (!Invalid && testsCplusplus(Text))
        return setRefusal(FixRefusal::CLinkage, "its file tests __cplusplus");
    }
    if (!Options.FixExportedRecords)
      if (std::optional<std::string> How = exportedBy())
        return setRefusal(FixRefusal::Exported, *How);
    for (unsigned I = 0; I < Model.Fields.size(); ++I)
      if (Model.Fields[I].Decl.InMacro)
        return setRefusal(FixRefusal::FieldInMacro, fieldName(I), Fields[I]->getLocation());
    if (!Source.Body) // Declarations that could not be measured as file text.
      return setRefusal(FixRefusal::RecordInMacro, "");
    if (const auto *Class = dyn_cast<CXXRecordDecl>(&Record)) {
      auto Compares = [](const FunctionDecl *FD) {
        if (!FD || !FD->isDefaulted())
          return false;
        OverloadedOperatorKind Op = FD->getOverloadedOperator();
        return Op == OO_Spaceship || Op == OO_Less || Op == OO_Greater || Op == OO_LessEqual ||
               Op == OO_GreaterEqual;
      };
      for (const Decl *D : Class->decls()) {
        const FunctionDecl *FD = dyn_cast<FunctionDecl>(D);
        if (const auto *Friend = dyn_cast<FriendDecl>(D))
          FD = dyn_cast_or_null<FunctionDecl>(Friend->getFriendDecl());
        if (Compares(FD))
          return setRefusal(FixRefusal::DefaultedComparison,
                            "operator" + std::string(getOperatorSpelling(
                                             FD->getOverloadedOperator())),
                            FD->getLocation());
      }
    }
    return false;
  }

  bool refusedByUses() {
    if (!Uses || Uses->Observations.empty())
      return false;
    const LayoutObservation *First = &Uses->Observations.front();
    for (const LayoutObservation &O : Uses->Observations)
      if (SM.isBeforeInTranslationUnit(O.Loc, First->Loc))
        First = &O;
    return setRefusal(First->Kind, First->Detail, First->Loc);
  }

  bool refusedByOrder() {
    // Access sections.
    if (!Source.AccessSections.empty()) {
      unsigned Last = 0;
      for (unsigned F : Order) {
        if (Source.AccessSections[F] < Last)
          return setRefusal(FixRefusal::AccessSections, "");
        Last = Source.AccessSections[F];
      }
    }
    // A field may not move above a member its declaration uses.
    const RecordBodySpelling &Body = *Source.Body;
    std::vector<unsigned> SlotBegin(Model.Fields.size());
    for (const FieldDeclSpelling &D : Body.Decls)
      for (unsigned F : D.Fields)
        SlotBegin[F] = D.Begin;
    for (unsigned I = 0; I < Fields.size(); ++I) {
      DeclarationUses V;
      if (TypeSourceInfo *TSI = Fields[I]->getTypeSourceInfo())
        V.TraverseTypeLoc(TSI->getTypeLoc());
      if (Expr *Width = Fields[I]->getBitWidth())
        V.TraverseStmt(Width);
      for (const NamedDecl *D : V.Used) {
        if (!D || !declaredInside(D, Record))
          continue;
        if (const auto *FD = dyn_cast<FieldDecl>(D)) {
          int J = fieldIndex(Fields, FD);
          if (J >= 0 && static_cast<unsigned>(J) != I && Position[J] > Position[I])
            return setRefusal(FixRefusal::TypeDeclaredLater,
                              "'" + fieldName(I) + "' would move above '" + fieldName(J) +
                                  "', which its declaration uses",
                              Fields[I]->getLocation());
          continue;
        }
        SourceLocation End = SM.getExpansionLoc(D->getEndLoc());
        if (SM.getFileID(End) != Source.File)
          continue;
        unsigned DeclEnd = SM.getFileOffset(End);
        unsigned Own = Model.Fields[I].Decl.Begin;
        if (DeclEnd >= Own && DeclEnd <= Model.Fields[I].Decl.End)
          continue; // Defined in the field's own declaration.
        // At new position P the field takes the place of the P-th declared one.
        unsigned NewSlot = SlotBegin[Position[I]];
        if (DeclEnd > NewSlot)
          return setRefusal(FixRefusal::TypeDeclaredLater,
                            "'" + fieldName(I) + "' would move above '" +
                                D->getNameAsString() + "', which its declaration uses",
                            Fields[I]->getLocation());
      }
    }
    return false;
  }

  bool refusedByInitialisation() {
    const auto *Class = dyn_cast<CXXRecordDecl>(&Record);
    if (!Class)
      return false;
    std::vector<FieldInitFacts> Facts(Fields.size());
    InitFactsCollector Collector(*Class, Fields, Ctx);
    for (unsigned I = 0; I < Fields.size(); ++I)
      if (Fields[I]->hasInClassInitializer())
        Collector.collect(Fields[I]->getInClassInitializer(), Facts[I]);
    for (const CXXConstructorDecl *C : Class->ctors()) {
      const FunctionDecl *Def = nullptr;
      if (!C->hasBody(Def) || !Def)
        continue;
      for (const CXXCtorInitializer *Init : cast<CXXConstructorDecl>(Def)->inits()) {
        if (!Init->isWritten() || !Init->isAnyMemberInitializer())
          continue;
        int I = fieldIndex(Fields, Init->getAnyMember());
        if (I >= 0)
          Collector.collect(Init->getInit(), Facts[I]);
      }
    }
    if (auto Read = findLaterFieldRead(Facts, Order))
      return setRefusal(FixRefusal::InitReadsLaterField,
                        "the initialiser of '" + fieldName(Read->first) + "' reads '" +
                            fieldName(Read->second) +
                            "', which the new order would initialise after it",
                        Fields[Read->first]->getLocation());
    std::vector<bool> Sensitive(Fields.size());
    for (unsigned I = 0; I < Fields.size(); ++I)
      Sensitive[I] = Facts[I].OrderSensitive;
    if (auto Pair = findSwappedPair(Sensitive, Order))
      return setRefusal(FixRefusal::InitOrderEffects,
                        "the initialisers of '" + fieldName(Pair->first) + "' and '" +
                            fieldName(Pair->second) +
                            "' have effects that would run in the other order",
                        Fields[Pair->first]->getLocation());
    LifetimeOracle Oracle(SM);
    std::vector<bool> UserCode(Fields.size());
    for (unsigned I = 0; I < Fields.size(); ++I)
      UserCode[I] = Oracle.runsUserCode(Fields[I]->getType());
    if (auto Pair = findSwappedPair(UserCode, Order))
      return setRefusal(FixRefusal::LifetimeOrder,
                        "'" + fieldName(Pair->first) + "' and '" + fieldName(Pair->second) +
                            "' would be constructed and destroyed in the other order, and "
                            "their types run user-written code then",
                        Fields[Pair->first]->getLocation());
    return false;
  }

  //--- Edits --------------------------------------------------------------------

  void addEdits(FileID File, std::vector<TextEdit> Edits) {
    if (Edits.empty())
      return;
    for (FileEdits &F : Fix.Edits)
      if (F.File == File) {
        for (TextEdit &E : Edits)
          F.Edits.push_back(std::move(E));
        return;
      }
    Fix.Edits.push_back({File, std::move(Edits)});
  }

  std::string_view textOf(FileID File) const {
    bool Invalid = false;
    StringRef T = SM.getBufferData(File, &Invalid);
    return Invalid ? std::string_view() : std::string_view(T.data(), T.size());
  }

  void makeEdits() {
    const RecordBodySpelling &Body = *Source.Body;
    std::string_view Text = textOf(Source.File);
    BodyEdit Decls = reorderFieldDeclarations(Text, Body, Order);
    if (Decls.Refusal == EditRefusal::Directive) {
      setRefusal(FixRefusal::Directive, "");
      return;
    }
    if (Decls.Refusal == EditRefusal::UnsplittableDeclaration) {
      setRefusal(FixRefusal::Unsplittable, fieldName(Decls.RefusedField),
                 Fields[Decls.RefusedField]->getLocation());
      return;
    }
    addEdits(Source.File, Decls.Edits);
    if (!memInitializerEdits() || !initListEdits())
      return;
    // One record's edits must not overlap among themselves.
    for (FileEdits &F : Fix.Edits) {
      std::vector<TextEdit> &E = F.Edits;
      std::sort(E.begin(), E.end(),
                [](const TextEdit &A, const TextEdit &B) { return A.Offset < B.Offset; });
      for (size_t I = 1; I < E.size(); ++I)
        if (E[I].Offset < E[I - 1].Offset + E[I - 1].Length ||
            (E[I].Offset == E[I - 1].Offset)) {
          setRefusal(FixRefusal::OverlapsOtherFix, Model.Name);
          return;
        }
      if (F.File == Source.File)
        E = finishRecordEdits(Text, Body, std::move(E), Decls.LineMode);
    }
  }

  bool memInitializerEdits() {
    const auto *Class = dyn_cast<CXXRecordDecl>(&Record);
    if (!Class)
      return true;
    for (const CXXConstructorDecl *C : Class->ctors()) {
      const FunctionDecl *Def = nullptr;
      if (!C->hasBody(Def) || !Def)
        continue;
      MemInitSpelling Spelling;
      FileID File;
      for (const CXXCtorInitializer *Init : cast<CXXConstructorDecl>(Def)->inits()) {
        if (!Init->isWritten() || !Init->isAnyMemberInitializer())
          continue;
        int I = fieldIndex(Fields, Init->getAnyMember());
        FileID InitFile;
        std::optional<ByteRange> R = fileRange(Init->getSourceRange(), SM, LO, &InitFile);
        if (I < 0 || !R || (File.isValid() && InitFile != File)) {
          setRefusal(FixRefusal::InitInMacro, "", Init->getSourceLocation());
          return false;
        }
        File = InitFile;
        Spelling.FieldInits.emplace_back(static_cast<unsigned>(I), *R);
      }
      if (Spelling.FieldInits.size() < 2)
        continue;
      if (Def->isTemplateInstantiation()) {
        setRefusal(FixRefusal::InitInTemplate, "", Def->getLocation());
        return false;
      }
      addEdits(File, reorderMemInitializers(textOf(File), Spelling, Order));
    }
    return true;
  }

  std::vector<std::string> valueInitializers() const {
    std::vector<std::string> Out;
    for (const FieldDecl *FD : Fields) {
      QualType T = FD->getType();
      if (FD->isUnnamedBitField()) {
        Out.emplace_back();
      } else if (LO.CPlusPlus) {
        Out.emplace_back(FD->hasInClassInitializer() || T->isReferenceType() ? "" : "{}");
      } else if (T->isScalarType()) {
        Out.emplace_back("0");
      } else if (T->isRecordType() || T->isArrayType()) {
        Out.emplace_back("{0}");
      } else {
        Out.emplace_back();
      }
    }
    return Out;
  }

  bool initListEdits() {
    if (!Uses || Uses->InitLists.empty())
      return true;
    // One entry per place in the source: a list in a template pattern is
    // seen again in each instantiation.
    struct Place {
      const InitListUse *Use = nullptr;
      bool OutsideInstantiation = false;
    };
    std::map<std::pair<unsigned, unsigned>, Place> Places;
    std::vector<std::pair<unsigned, unsigned>> PlaceOrder;
    for (const InitListUse &U : Uses->InitLists) {
      SourceRange R = U.Semantic->getSourceRange();
      SourceLocation B = SM.getExpansionLoc(R.getBegin()), E = SM.getExpansionLoc(R.getEnd());
      std::pair<unsigned, unsigned> Key{B.getRawEncoding(), E.getRawEncoding()};
      auto [It, New] = Places.emplace(Key, Place{});
      if (New)
        PlaceOrder.push_back(Key);
      if (!It->second.Use || (!U.InInstantiation && !It->second.OutsideInstantiation))
        It->second.Use = &U;
      It->second.OutsideInstantiation |= !U.InInstantiation;
    }
    std::vector<std::string> ValueInit = valueInitializers();
    for (const auto &Key : PlaceOrder) {
      const Place &P = Places[Key];
      if (!P.OutsideInstantiation) {
        setRefusal(FixRefusal::InitInTemplate, "", P.Use->Semantic->getBeginLoc());
        return false;
      }
      if (!initListEdit(*P.Use, ValueInit))
        return false;
    }
    return true;
  }

  bool initListEdit(const InitListUse &U, const std::vector<std::string> &ValueInit) {
    const InitListExpr *Sem = U.Semantic;
    SourceLocation At = Sem->getBeginLoc();
    if ((!U.Elided && (Sem->getLBraceLoc().isMacroID() || Sem->getRBraceLoc().isMacroID())) ||
        At.isMacroID())
      return stop(FixRefusal::InitInMacro, "", SM.getExpansionLoc(At));
    InitListSpelling L;
    L.Elements.resize(Fields.size());
    L.ElidedBraces.assign(Fields.size(), false);
    L.Skipped.assign(Fields.size(), false);
    L.Elided = U.Elided;
    FileID File;
    auto Range = [&](const Expr *E) -> std::optional<ByteRange> {
      FileID F;
      std::optional<ByteRange> R = fileRange(E->getSourceRange(), SM, LO, &F);
      if (!R || (File.isValid() && F != File))
        return std::nullopt;
      File = F;
      return R;
    };

    const InitListExpr *Syn = U.Syntactic;
    bool AnyDesignated = false, AllDesignated = Syn && Syn->getNumInits() > 0;
    if (Syn)
      for (const Expr *E : Syn->inits()) {
        bool D = isa_and_nonnull<DesignatedInitExpr>(E);
        AnyDesignated |= D;
        AllDesignated &= D;
      }
    if (AnyDesignated && !LO.CPlusPlus) {
      if (AllDesignated)
        return true; // C designated initialisers are valid in any order.
      return stop(FixRefusal::InitMixedDesignators, "", At);
    }
    if (AnyDesignated) {
      L.Designated = true;
      for (const Expr *E : Syn->inits()) {
        const auto *DIE = dyn_cast<DesignatedInitExpr>(E);
        if (!DIE || DIE->size() != 1 || !DIE->getDesignator(0)->isFieldDesignator())
          return stop(FixRefusal::InitMixedDesignators, "", At);
        int I = fieldIndex(Fields, DIE->getDesignator(0)->getFieldDecl());
        std::optional<ByteRange> R = Range(DIE);
        if (I < 0 || !R)
          return stop(FixRefusal::InitInMacro, "", At);
        L.Elements[I] = *R;
      }
    } else {
      unsigned Bases = 0;
      if (const auto *Class = dyn_cast<CXXRecordDecl>(&Record))
        Bases = Class->getNumBases();
      unsigned Slot = Bases;
      bool SawUnwritten = false;
      for (unsigned I = 0; I < Fields.size(); ++I) {
        if (Fields[I]->isUnnamedBitField()) {
          L.Skipped[I] = true;
          continue;
        }
        const Expr *Init = Slot < Sem->getNumInits() ? Sem->getInit(Slot) : nullptr;
        ++Slot;
        bool Written = Init && !isa<ImplicitValueInitExpr>(Init) &&
                       !isa<CXXDefaultInitExpr>(Init) && !isa<NoInitExpr>(Init) &&
                       Init->getBeginLoc().isValid();
        if (!Written) {
          SawUnwritten = true;
          continue;
        }
        if (SawUnwritten) // Positional lists initialise a prefix.
          return stop(FixRefusal::InitMixedDesignators, "", At);
        std::optional<ByteRange> R = Range(Init);
        if (!R)
          return stop(FixRefusal::InitInMacro, "", SM.getExpansionLoc(At));
        L.Elements[I] = *R;
        if (const auto *Sub = dyn_cast<InitListExpr>(Init))
          L.ElidedBraces[I] = !hasOwnBraces(*Sub, SM);
      }
      if (!LO.CPlusPlus && Syn && Syn->getNumInits() == 1)
        if (const auto *Lit = dyn_cast<IntegerLiteral>(Syn->getInit(0)->IgnoreParenImpCasts()))
          L.ZeroList = Lit->getValue() == 0;
    }
    if (!File.isValid())
      return true; // Nothing written.
    std::string_view Text = textOf(File);
    BodyEdit E = reorderInitList(Text, L, Order, ValueInit);
    if (E.Refusal == EditRefusal::CannotValueInitialise)
      return stop(FixRefusal::InitCannotNameField, fieldName(E.RefusedField), At);
    addEdits(File, std::move(E.Edits));
    return true;
  }

  const RecordDecl &Record;
  const RecordLayoutModel &Model;
  const RecordSourceFacts &Source;
  const std::vector<unsigned> &Order;
  const RecordUses *Uses;
  ASTContext &Ctx;
  const SourceManager &SM;
  const LangOptions &LO;
  const ReorderFixOptions &Options;
  std::vector<const FieldDecl *> Fields;
  std::vector<unsigned> Position;
  ReorderFix Fix;
};

} // namespace

ReorderFix buildReorderFix(const RecordDecl &Record, const RecordLayoutModel &Model,
                           const RecordSourceFacts &Source,
                           const std::vector<unsigned> &NewFieldOrder, const RecordUses *Uses,
                           ASTContext &Ctx, const ReorderFixOptions &Options) {
  return FixBuilder(Record, Model, Source, NewFieldOrder, Uses, Ctx, Options).build();
}

} // namespace tightfit::layout
