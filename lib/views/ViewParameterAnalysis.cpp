//===- ViewParameterAnalysis.cpp - parameters that can be views -----------===//
//
// A parameter is reported only when all of these hold (anything else: no
// diagnostic):
//
//  The language: std::string_view needs C++17 and std::span C++20; a
//  project view type named in the options must be declared in the
//  translation unit and have every member the rewritten body calls.
//
//  The signature is free to change: the function is not virtual, an
//  override or final; not a constructor, destructor, conversion or operator;
//  not main; not extern "C"; not a template, a member of a class template, an
//  instantiation or an explicit specialisation; not implicit, defaulted or
//  deleted; not spelled by a macro; not in a system header; not marked used,
//  weak, alias, exported or placed in a section; its address is never taken
//  (which also rules out callbacks and std::function targets); no call to it
//  depends on a template parameter; and no overload set is involved: no other
//  function of that name exists in the translation unit (for a member
//  function: in its class, its bases or classes derived from it, including
//  using-declarations), so every call resolves the same way after the change.
//
//  The parameter: named, without attributes, its type not spelled by a
//  macro in any redeclaration; every use passes EscapeAnalysis, and nothing
//  in the function may change the referent (findAliasingHazard).
//
//  Every caller still compiles: each argument in the translation unit (and a
//  default argument) is an owner of the same type, a string literal or char
//  pointer (strings), an iterator pair into contiguous storage or `{}`
//  (vectors); braced lists of elements, `{n, c}`, and types that convert to
//  the owner by a conversion of their own are refused.
//
//  Fix-its rewrite the parameter's type in every redeclaration of the
//  translation unit together, turn `s.substr(...)` arguments into views of
//  the substring and `std::vector<T>(first, last)` arguments into spans, and
//  add the view's header where it is not yet visible. A function with a
//  declaration in a header gets the warning but a fix-it only under
//  FixHeaderDeclarations, since its callers in other files are not seen.
//
//===----------------------------------------------------------------------===//
#include "lib/views/ViewParameterAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/CharInfo.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>

using namespace clang;

namespace tightfit::views {

namespace {

/// The argument of one call, as the view would receive it.
struct ArgumentShape {
  bool Compatible = false;
  CallSiteEvidence::Kind Evidence = CallSiteEvidence::Kind::Nothing;
  unsigned LiteralLength = 0;
  const CXXMemberCallExpr *Substr = nullptr; ///< To rewrite into a view of the substring.
  const Expr *ExplicitRange = nullptr;       ///< `std::vector<T>(first, last)` to rewrite.
};

const Expr *peelToSource(const Expr *E) {
  for (;;) {
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MTE->getSubExpr();
    else if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E))
      E = BTE->getSubExpr();
    else if (const auto *PE = dyn_cast<ParenExpr>(E))
      E = PE->getSubExpr();
    else if (const auto *ICE = dyn_cast<ImplicitCastExpr>(E);
             ICE && (ICE->getCastKind() == CK_NoOp ||
                     ICE->getCastKind() == CK_ConstructorConversion))
      E = ICE->getSubExpr();
    else
      return E;
  }
}

bool isContiguousIteratorOf(QualType T, QualType Element) {
  T = T.getNonReferenceType().getCanonicalType();
  QualType Want = Element.getCanonicalType().getUnqualifiedType();
  auto PointsToElement = [&](QualType P) {
    return P->isPointerType() &&
           P->getPointeeType().getCanonicalType().getUnqualifiedType() == Want;
  };
  if (PointsToElement(T))
    return true;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (!Spec || !Spec->getIdentifier() || Spec->getTemplateArgs().size() < 1)
    return false;
  const TemplateArgument &A = Spec->getTemplateArgs()[0];
  if (A.getKind() != TemplateArgument::Type || !PointsToElement(A.getAsType()))
    return false;
  // libstdc++'s vector iterators and libc++'s.
  return Spec->getName() == "__normal_iterator" || Spec->getName() == "__wrap_iter";
}

bool isInitializerListConstructor(const CXXConstructorDecl &Ctor) {
  if (Ctor.getNumParams() < 1)
    return false;
  QualType T = Ctor.getParamDecl(0)->getType().getNonReferenceType();
  const auto *RD = T->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         RD->getName() == "initializer_list";
}

bool isSubstrCall(const Expr *E) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
  if (!Call || !Call->getMethodDecl() || !Call->getMethodDecl()->getIdentifier())
    return false;
  return Call->getMethodDecl()->getName() == "substr" &&
         isStdString(Call->getMethodDecl()->getParent()->getTypeForDecl()->getCanonicalTypeInternal());
}

/// A project view type accepts what a std view accepts only if it says so:
/// a non-explicit constructor from `const char *` (literals and char
/// pointers) or from the owner (or any type, for a constructor template).
bool customViewAccepts(const ViewType &View, const OwnerType &Owner, bool FromCharPointer) {
  const CXXRecordDecl *RD = View.record();
  if (!RD || !RD->hasDefinition())
    return false;
  for (const Decl *D : RD->decls()) {
    const auto *Ctor = dyn_cast<CXXConstructorDecl>(D);
    if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D))
      Ctor = dyn_cast<CXXConstructorDecl>(FT->getTemplatedDecl());
    if (!Ctor || Ctor->isExplicit() || Ctor->getNumParams() < 1 || Ctor->isDeleted())
      continue;
    if (Ctor->getMinRequiredArguments() > 1)
      continue;
    QualType P = Ctor->getParamDecl(0)->getType();
    if (P->isDependentType())
      return true; // A constructor template: takes what the callers pass.
    if (FromCharPointer && P->isPointerType() && P->getPointeeType()->isCharType())
      return true;
    if (!FromCharPointer && isSameOwner(P.getNonReferenceType(), Owner))
      return true;
  }
  return false;
}

ArgumentShape classifyOwnerPrvalue(const Expr *E) {
  ArgumentShape S;
  S.Compatible = true;
  if (isSubstrCall(E)) {
    S.Evidence = CallSiteEvidence::Kind::Substring;
    S.Substr = cast<CXXMemberCallExpr>(E);
  }
  return S;
}

ArgumentShape classifyArgument(const Expr *Arg, const OwnerType &Owner, bool ByValue) {
  ArgumentShape S;
  const Expr *E = Arg;
  if (const auto *DA = dyn_cast<CXXDefaultArgExpr>(E))
    E = DA->getExpr();
  if (!E || E->isTypeDependent() || E->isValueDependent())
    return S;
  E = peelToSource(E);
  bool IsString = Owner.Kind == OwnerKind::String;

  if (const auto *CE = dyn_cast<CXXConstructExpr>(E); CE && isSameOwner(CE->getType(), Owner)) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    bool Explicit = isa<CXXTemporaryObjectExpr>(CE);
    auto ExplicitArgs = [&]() {
      unsigned N = 0;
      for (const Expr *A : CE->arguments())
        if (!isa<CXXDefaultArgExpr>(A))
          ++N;
      return N;
    };
    bool IteratorPair = !IsString && ExplicitArgs() == 2 && CE->getNumArgs() >= 2 &&
                        isContiguousIteratorOf(CE->getArg(0)->getType(), Owner.Element) &&
                        isContiguousIteratorOf(CE->getArg(1)->getType(), Owner.Element);
    if (CE->isListInitialization() && !Explicit) {
      if (IsString)
        return S; // `{...}` for a string: `{n, c}` and friends have no view counterpart.
      if (CE->getNumArgs() == 0 || ExplicitArgs() == 0) {
        S.Compatible = true; // `{}`: an empty span.
        return S;
      }
      if (IteratorPair && !isInitializerListConstructor(*Ctor)) {
        S.Compatible = true; // `{first, last}` builds the span directly.
        S.Evidence = CallSiteEvidence::Kind::SubRange;
        return S;
      }
      return S; // `{1, 2, 3}`: a span cannot be list-initialised from elements.
    }
    if (Explicit) {
      S.Compatible = true;
      if (IteratorPair) {
        S.Evidence = CallSiteEvidence::Kind::SubRange;
        S.ExplicitRange = CE;
      }
      return S;
    }
    if (Ctor->isCopyOrMoveConstructor()) {
      const Expr *Src = peelToSource(CE->getArg(0));
      if (Src->isLValue()) {
        S.Compatible = true;
        S.Evidence = ByValue ? CallSiteEvidence::Kind::Copy : CallSiteEvidence::Kind::Nothing;
        return S;
      }
      if (Src->isXValue()) {
        S.Compatible = true;
        return S;
      }
      return classifyOwnerPrvalue(Src);
    }
    if (IsString && Ctor->getNumParams() >= 1 && ExplicitArgs() == 1 &&
        Ctor->getParamDecl(0)->getType()->isPointerType() &&
        Ctor->getParamDecl(0)->getType()->getPointeeType()->isCharType()) {
      const Expr *Src = CE->getArg(0)->IgnoreParenImpCasts();
      if (const auto *Lit = dyn_cast<StringLiteral>(Src); Lit && Lit->isOrdinary()) {
        S.Compatible = true;
        S.Evidence = CallSiteEvidence::Kind::Literal;
        // The std::string stops at the first NUL, as strlen would.
        StringRef Chars = Lit->getString();
        S.LiteralLength = std::min<size_t>(Chars.size(), Chars.find('\0'));
        return S;
      }
      QualType T = Src->getType();
      if ((T->isPointerType() && T->getPointeeType()->isCharType()) ||
          (T->isArrayType() && T->getArrayElementTypeNoTypeQual()->isCharType())) {
        S.Compatible = true;
        S.Evidence = CallSiteEvidence::Kind::CharPointer;
      }
      return S;
    }
    return S;
  }
  if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E); FC && isSameOwner(FC->getType(), Owner))
    return classifyArgument(FC->getSubExpr(), Owner, ByValue).Compatible
               ? classifyOwnerPrvalue(FC)
               : S;
  if (isa<InitListExpr>(E) || isa<ImplicitCastExpr>(E))
    return S; // A braced list, or a conversion of another type (operator std::string()).
  if (isSameOwner(E->getType(), Owner)) {
    if (E->isLValue()) {
      S.Compatible = true;
      S.Evidence = ByValue ? CallSiteEvidence::Kind::Copy : CallSiteEvidence::Kind::Nothing;
      return S;
    }
    if (E->isXValue()) {
      S.Compatible = true;
      return S;
    }
    return classifyOwnerPrvalue(E);
  }
  return S; // A user-defined conversion, or something unknown.
}

std::string qualifiedName(const FunctionDecl &F) { return F.getQualifiedNameAsString(); }

CharSourceRange parameterTypeRange(const ParmVarDecl &P, const SourceManager &SM) {
  const TypeSourceInfo *TSI = P.getTypeSourceInfo();
  if (!TSI)
    return {};
  TypeLoc TL = TSI->getTypeLoc();
  SourceLocation Begin = P.getBeginLoc();
  SourceLocation End = TL.getEndLoc();
  if (auto Ref = TL.getAs<LValueReferenceTypeLoc>())
    End = Ref.getSigilLoc();
  if (Begin.isInvalid() || End.isInvalid() || Begin.isMacroID() || End.isMacroID())
    return {};
  if (SM.getFileID(Begin) != SM.getFileID(End))
    return {};
  return CharSourceRange::getTokenRange(Begin, End);
}

} // namespace

ViewParameterAnalysis::ViewParameterAnalysis(ASTContext &Ctx, ViewParameterOptions Options,
                                             const IncludeMap *Includes)
    : Ctx(Ctx), Options(std::move(Options)), Includes(Includes), Index(Ctx) {}

const ViewType &ViewParameterAnalysis::viewFor(const OwnerType &Owner) {
  for (const auto &[O, V] : Views)
    if (O.Kind == Owner.Kind &&
        (O.Kind == OwnerKind::String ||
         O.Element.getCanonicalType() == Owner.Element.getCanonicalType()))
      return V;
  const ViewSpelling &S = Owner.Kind == OwnerKind::String ? Options.StringView : Options.Span;
  Views.emplace_back(Owner, ViewType::resolve(S, Owner, Ctx));
  return Views.back().second;
}

std::string ViewParameterAnalysis::signatureRejection(const FunctionDecl &F) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (F.isImplicit() || F.isInvalidDecl() || F.isDeleted() || F.isDefaulted())
    return "implicit, defaulted or deleted";
  if (isa<CXXConstructorDecl, CXXDestructorDecl, CXXConversionDecl, CXXDeductionGuideDecl>(F))
    return "constructor, destructor or conversion";
  if (F.getDeclName().getNameKind() != DeclarationName::Identifier)
    return "operator";
  if (F.isMain())
    return "main";
  if (const auto *M = dyn_cast<CXXMethodDecl>(&F)) {
    if (M->isVirtual() || M->size_overridden_methods() > 0)
      return "virtual";
    if (M->getParent()->isLambda())
      return "lambda";
  }
  if (F.hasAttr<FinalAttr>() || F.hasAttr<OverrideAttr>())
    return "virtual";
  if (F.isExternC() || F.isInExternCContext())
    return "extern \"C\"";
  if (F.getTemplatedKind() != FunctionDecl::TK_NonTemplate || F.isTemplated() ||
      F.isTemplateInstantiation() || F.isFunctionTemplateSpecialization())
    return "template";
  for (const DeclContext *DC = F.getDeclContext(); DC; DC = DC->getParent())
    if (const auto *RD = dyn_cast<CXXRecordDecl>(DC))
      if (isa<ClassTemplateSpecializationDecl>(RD) || RD->getDescribedClassTemplate() ||
          RD->getTemplateInstantiationPattern())
        return "template";
  if (F.hasAttr<UsedAttr>() || F.hasAttr<WeakAttr>() || F.hasAttr<AliasAttr>() ||
      F.hasAttr<DLLExportAttr>() || F.hasAttr<DLLImportAttr>() || F.hasAttr<SectionAttr>() ||
      F.hasAttr<ConstructorAttr>() || F.hasAttr<DestructorAttr>() || F.hasAttr<VisibilityAttr>())
    return "attribute";
  for (const FunctionDecl *R : F.redecls()) {
    if (R->getLocation().isMacroID() || R->getBeginLoc().isMacroID())
      return "macro";
    if (SM.isInSystemHeader(R->getLocation()))
      return "system header";
  }
  if (Index.isReferencedOtherwise(F))
    return "address taken";
  if (Index.hasDependentCall(F) || Index.isNameUsedDependently(F.getDeclName()))
    return "template-dependent call";
  return overloadRejection(F);
}

std::string ViewParameterAnalysis::overloadRejection(const FunctionDecl &F) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&F);
  const CXXRecordDecl *Class = Method ? Method->getParent()->getDefinition() : nullptr;
  auto Related = [&](const CXXRecordDecl *Other) {
    Other = Other ? Other->getDefinition() : nullptr;
    if (!Class || !Other)
      return true; // Unknown: assume the worst.
    return Other == Class || Class->isDerivedFrom(Other) || Other->isDerivedFrom(Class);
  };
  for (const NamedDecl *D : Index.functionsNamed(F.getDeclName())) {
    const FunctionDecl *Other = dyn_cast<FunctionDecl>(D);
    if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D))
      Other = FT->getTemplatedDecl();
    if (!Other || Other->getCanonicalDecl() == F.getCanonicalDecl())
      continue;
    const auto *OtherMethod = dyn_cast<CXXMethodDecl>(Other);
    if (!Method && !OtherMethod)
      return "overloaded";
    if (Method && OtherMethod && Related(OtherMethod->getParent()))
      return "overloaded or hidden";
  }
  return "";
}

ParameterVerdict ViewParameterAnalysis::judge(const FunctionDecl &F, unsigned ParamIndex) {
  ParameterVerdict V;
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  if (ParamIndex >= F.getNumParams()) {
    V.Rejection = "no such parameter";
    return V;
  }
  const ParmVarDecl &P = *F.getParamDecl(ParamIndex);
  std::optional<OwnerType> Owner = classifyOwner(P.getType());
  if (!Owner) {
    V.Rejection = "not an owner";
    return V;
  }
  if (!F.doesThisDeclarationHaveABody()) {
    V.Rejection = "no body";
    return V;
  }
  const ViewType &View = viewFor(*Owner);
  if (!View.valid()) {
    V.Rejection = "view type not declared";
    return V;
  }
  if (View.isStandard() && Owner->Kind == OwnerKind::String && !LO.CPlusPlus17) {
    V.Rejection = "std::string_view needs C++17";
    return V;
  }
  if (View.isStandard() && Owner->Kind == OwnerKind::Vector && !LO.CPlusPlus20) {
    V.Rejection = "std::span needs C++20";
    return V;
  }
  if (P.getName().empty() || P.hasAttrs()) {
    V.Rejection = "unnamed or attributed parameter";
    return V;
  }
  if (std::string Why = signatureRejection(F); !Why.empty()) {
    V.Rejection = Why;
    return V;
  }

  ViewUseSummary Uses = analyzeUses(F, P, *Owner, View, Ctx);
  if (!Uses.viewable()) {
    V.Rejection = !Uses.Blocking ? std::string("unused")
                                 : ("use: " + describe(Uses.Blocking.Blocker).str() +
                                    (Uses.Blocking.Detail.empty() ? "" : " (" + Uses.Blocking.Detail + ")"));
    return V;
  }
  if (!View.isStandard()) {
    // The project's view must have what the rewritten body calls.
    const CXXRecordDecl *RD = View.record();
    if (!RD || !RD->hasDefinition()) {
      V.Rejection = "view type incomplete";
      return V;
    }
    for (const std::string &M : Uses.Members) {
      if (M == "operator[]")
        continue; // Checked through the operator lookup below.
      if (RD->lookup(&Ctx.Idents.get(M)).empty()) {
        V.Rejection = "view type lacks '" + M + "'";
        return V;
      }
    }
    if (Uses.Members.count("operator[]") &&
        RD->lookup(Ctx.DeclarationNames.getCXXOperatorName(OO_Subscript)).empty()) {
      V.Rejection = "view type lacks 'operator[]'";
      return V;
    }
    if (Uses.Equality || Uses.Ordering || Uses.Streaming) {
      V.Rejection = "operators on a project view type are not checked";
      return V;
    }
  }
  if (BlockingUse Hazard = findAliasingHazard(F, P, Ctx)) {
    V.Rejection = "aliasing (" + Hazard.Detail + ")";
    return V;
  }

  // Every redeclaration's parameter type must be rewritable.
  std::vector<CharSourceRange> TypeRanges;
  bool InHeader = false;
  FileID MainFile = SM.getMainFileID();
  for (const FunctionDecl *R : F.redecls()) {
    const ParmVarDecl *RP = R->getParamDecl(ParamIndex);
    if (RP->hasAttrs()) {
      V.Rejection = "attributed parameter";
      return V;
    }
    CharSourceRange Range = parameterTypeRange(*RP, SM);
    if (Range.isInvalid()) {
      V.Rejection = "parameter type spelled by a macro";
      return V;
    }
    if (SM.getFileID(Range.getBegin()) != MainFile)
      InHeader = true;
    TypeRanges.push_back(Range);
  }

  // Callers.
  ViewParameterFacts &Facts = V.Finding.Facts;
  std::vector<const CXXMemberCallExpr *> SubstrRewrites;
  std::vector<const Expr *> RangeRewrites;
  llvm::DenseSet<unsigned> SeenCallLocs;
  auto AddSite = [&](const ArgumentShape &Shape, SourceLocation Loc) {
    CallSiteEvidence Site;
    Site.K = Shape.Evidence;
    Site.LiteralLength = Shape.LiteralLength;
    SourceLocation FileLoc = SM.getFileLoc(Loc);
    Site.File = SM.getFilename(FileLoc).str();
    Site.Line = SM.getSpellingLineNumber(FileLoc);
    Site.Column = SM.getSpellingColumnNumber(FileLoc);
    Facts.Sites.push_back(Site);
    if (std::string Note = formatCallSiteNote(Facts, Site); !Note.empty())
      V.Finding.Notes.emplace_back(Loc, std::move(Note));
  };
  bool ByValue = !Owner->IsReference;
  Facts.IsString = Owner->Kind == OwnerKind::String;
  Facts.ByValue = ByValue;
  std::string Element;
  if (Owner->Kind == OwnerKind::Vector) {
    Element = elementSpelling(P, *Owner, Ctx);
    if (Element.empty())
      Element = Owner->Element.getAsString(Ctx.getPrintingPolicy());
    Facts.OwnerType = "std::vector<" + Element + ">";
  } else {
    Facts.OwnerType = "std::string";
  }
  bool PointerElement = Owner->Kind == OwnerKind::Vector &&
                        (Owner->Element->isPointerType() || Owner->Element->isMemberPointerType() ||
                         Owner->Element->isArrayType() || Owner->Element->isFunctionType());
  Facts.ViewType = View.spelling().spell(Element, PointerElement);

  std::vector<std::pair<ArgumentShape, SourceLocation>> Shapes;
  for (const CallExpr *Call : Index.callsTo(F)) {
    if (isa<CXXOperatorCallExpr>(Call) || ParamIndex >= Call->getNumArgs()) {
      V.Rejection = "unusual call";
      return V;
    }
    ArgumentShape Shape = classifyArgument(Call->getArg(ParamIndex), *Owner, ByValue);
    if (Shape.Compatible && !View.isStandard()) {
      bool Chars = Shape.Evidence == CallSiteEvidence::Kind::Literal ||
                   Shape.Evidence == CallSiteEvidence::Kind::CharPointer;
      if (!customViewAccepts(View, *Owner, Chars))
        Shape.Compatible = false;
      if (Shape.Evidence == CallSiteEvidence::Kind::SubRange && !Shape.ExplicitRange)
        Shape.Compatible = false; // Braced iterator pairs: only std::span is known to take them.
    }
    if (!Shape.Compatible) {
      V.Rejection = "a caller would not compile";
      return V;
    }
    SourceLocation Loc = Call->getArg(ParamIndex)->getBeginLoc();
    if (isa<CXXDefaultArgExpr>(Call->getArg(ParamIndex)) || Loc.isInvalid())
      Loc = Call->getBeginLoc();
    // One entry per call site, however many instantiations contain it.
    if (!SeenCallLocs.insert(SM.getFileLoc(Call->getBeginLoc()).getRawEncoding()).second)
      continue;
    Shapes.emplace_back(Shape, Loc);
  }
  if (const Expr *Default = P.getDefaultArg()) {
    ArgumentShape Shape = classifyArgument(Default, *Owner, ByValue);
    if (!Shape.Compatible || (!View.isStandard() &&
                              !customViewAccepts(View, *Owner,
                                                 Shape.Evidence == CallSiteEvidence::Kind::Literal ||
                                                     Shape.Evidence ==
                                                         CallSiteEvidence::Kind::CharPointer))) {
      V.Rejection = "default argument would not compile";
      return V;
    }
  }

  // Library facts for the wording.
  if (Owner->Kind == OwnerKind::String && Owner->Record) {
    StringLibrary Lib = detectStringLibrary(*Owner->Record, Options.Library);
    Facts.Library = describe(Lib).str();
    Facts.SsoCapacity =
        stringSsoCapacity(Lib, Ctx.getTargetInfo().getPointerWidth(LangAS::Default));
  } else {
    Facts.Library = "unknown";
  }

  // Decide the rewrites of call sites before counting: a substr() or an
  // explicit iterator-range vector that cannot be rewritten is still built.
  auto Rewritable = [&](SourceRange R) {
    return R.isValid() && !R.getBegin().isMacroID() && !R.getEnd().isMacroID() &&
           !SM.isInSystemHeader(R.getBegin());
  };
  for (auto &[Shape, Loc] : Shapes) {
    if (Shape.Substr) {
      const auto *ME = dyn_cast<MemberExpr>(Shape.Substr->getCallee());
      const Expr *Object = Shape.Substr->getImplicitObjectArgument();
      QualType ObjectType = Object ? Object->getType() : QualType();
      if (ME && ME->isArrow() && !ObjectType.isNull() && ObjectType->isPointerType())
        ObjectType = ObjectType->getPointeeType();
      if (ME && !ME->isImplicitAccess() && Object &&
          Rewritable(Shape.Substr->getSourceRange()) &&
          Rewritable(Object->getSourceRange()) && isStdString(ObjectType))
        SubstrRewrites.push_back(Shape.Substr);
      else
        Shape.Evidence = CallSiteEvidence::Kind::Nothing;
    }
    if (Shape.ExplicitRange) {
      if (View.isStandard() && Rewritable(Shape.ExplicitRange->getSourceRange()))
        RangeRewrites.push_back(Shape.ExplicitRange);
      else
        Shape.Evidence = CallSiteEvidence::Kind::Nothing;
    }
    AddSite(Shape, Loc);
  }

  V.Finding.Tally = tallyEvidence(Facts);
  if (V.Finding.Tally.Level < Options.MinPriority) {
    V.Rejection = "below MinPriority";
    return V;
  }

  Facts.Function = qualifiedName(F);
  Facts.Parameter = P.getName().str();
  Facts.Index = ParamIndex;
  {
    PrintingPolicy Policy(Ctx.getPrintingPolicy());
    Facts.ParameterType = P.getType().getAsString(Policy);
  }

  // Edits.
  std::vector<SourceEdit> &Edits = V.Finding.Edits;
  Facts.FixIt = true;
  if (InHeader && !Options.FixHeaderDeclarations) {
    Facts.FixIt = false;
    Facts.FixWithheld = "declared in a header";
  }
  if (Owner->Kind == OwnerKind::Vector && elementSpelling(P, *Owner, Ctx).empty() &&
      Facts.FixIt) {
    Facts.FixIt = false;
    Facts.FixWithheld = "element type not spelled in the parameter";
  }
  if (Facts.FixIt) {
    for (const CharSourceRange &R : TypeRanges) {
      // `const std::string &key` -> `std::string_view key`: keep the name apart.
      SourceLocation After = Lexer::getLocForEndOfToken(R.getEnd(), 0, SM, Ctx.getLangOpts());
      bool Invalid = false;
      const char *Next = SM.getCharacterData(After, &Invalid);
      bool NeedsSpace = !Invalid && Next && (isAsciiIdentifierContinue(*Next));
      Edits.push_back({R, Facts.ViewType + (NeedsSpace ? " " : "")});
    }
    const std::string &ViewName = Facts.ViewType;
    for (const CXXMemberCallExpr *Call : SubstrRewrites) {
      const auto *ME = cast<MemberExpr>(Call->getCallee());
      const Expr *Object = Call->getImplicitObjectArgument();
      SourceLocation ObjBegin = Object->getBeginLoc();
      SourceLocation ObjEnd = Lexer::getLocForEndOfToken(Object->getEndLoc(), 0, SM, Ctx.getLangOpts());
      if (ME->isArrow()) {
        Edits.push_back({CharSourceRange::getCharRange(ObjBegin, ObjBegin), ViewName + "(*"});
        Edits.push_back({CharSourceRange::getTokenRange(ME->getOperatorLoc(), ME->getOperatorLoc()),
                         ")."});
      } else {
        Edits.push_back({CharSourceRange::getCharRange(ObjBegin, ObjBegin), ViewName + "("});
        Edits.push_back({CharSourceRange::getCharRange(ObjEnd, ObjEnd), ")"});
      }
    }
    for (const Expr *E : RangeRewrites) {
      TypeLoc TL;
      if (const auto *T = dyn_cast<CXXTemporaryObjectExpr>(E))
        TL = T->getTypeSourceInfo()->getTypeLoc();
      SourceRange R = TL.getSourceRange();
      if (R.isInvalid() || R.getBegin().isMacroID()) {
        Facts.FixIt = false;
        Facts.FixWithheld = "iterator-range argument spelled by a macro";
        break;
      }
      Edits.push_back({CharSourceRange::getTokenRange(R), ViewName});
    }
    // The view's header, in each file whose declarations change.
    const std::string &Header =
        Owner->Kind == OwnerKind::String ? Options.StringViewHeader : Options.SpanHeader;
    const NamedDecl *ViewDecl = lookupQualifiedName(View.spelling().QualifiedName, Ctx);
    llvm::DenseSet<FileID> Done;
    for (const CharSourceRange &R : TypeRanges) {
      if (!Facts.FixIt || Header.empty())
        break;
      FileID FID = SM.getFileID(R.getBegin());
      if (!Done.insert(FID).second)
        continue;
      bool Visible = ViewDecl && SM.isBeforeInTranslationUnit(ViewDecl->getLocation(), R.getBegin());
      bool Direct = false;
      if (Includes) {
        auto It = Includes->Included.find(FID);
        Direct = It != Includes->Included.end() && It->second.contains(Header);
      }
      if (Direct || (Visible && FID == MainFile) ||
          IncludesAdded.count({FID.getHashValue(), Header}))
        continue;
      SourceLocation At;
      if (Includes) {
        auto It = Includes->FirstInclude.find(FID);
        if (It != Includes->FirstInclude.end())
          At = It->second;
      }
      if (At.isInvalid()) {
        if (Visible)
          continue; // Compiles here; nowhere to put an include.
        Facts.FixIt = false;
        Facts.FixWithheld = "no #include to add " + Header + " next to";
        break;
      }
      unsigned Line = SM.getSpellingLineNumber(At);
      SourceLocation LineStart = SM.translateLineCol(FID, Line, 1);
      Edits.push_back({CharSourceRange::getCharRange(LineStart, LineStart),
                       "#include " + Header + "\n"});
    }
  }
  if (!Facts.FixIt)
    Edits.clear();
  for (const SourceEdit &E : Edits)
    if (StringRef(E.Text).starts_with("#include "))
      IncludesAdded.insert({SM.getFileID(E.Range.getBegin()).getHashValue(), E.Text.substr(9, E.Text.size() - 10)});

  V.Finding.Function = &F;
  V.Finding.Param = &P;
  V.Finding.Tally = tallyEvidence(Facts);
  return V;
}

std::vector<ViewParameterFinding> ViewParameterAnalysis::findAll() {
  std::vector<ViewParameterFinding> Out;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const FunctionDecl *F : Index.definitions()) {
    if (SM.isInSystemHeader(F->getLocation()))
      continue;
    for (unsigned I = 0; I < F->getNumParams(); ++I) {
      if (!classifyOwner(F->getParamDecl(I)->getType()))
        continue;
      ParameterVerdict V = judge(*F, I);
      if (getenv("TIGHTFIT_VIEWS_EXPLAIN"))
        llvm::errs() << "view-parameter: " << F->getQualifiedNameAsString() << " #" << I << ": "
                     << (V.Rejection.empty() ? "finding" : V.Rejection) << "\n";
      if (V.Rejection.empty())
        Out.push_back(std::move(V.Finding));
    }
  }
  return Out;
}

} // namespace tightfit::views
