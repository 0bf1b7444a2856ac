//===- ViewTypes.cpp - owners, views and how to spell them ----------------===//
#include "lib/views/ViewTypes.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;

namespace tightfit::views {

namespace {

const ClassTemplateSpecializationDecl *stdSpecialization(QualType T, StringRef Name) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType().getCanonicalType();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (!Spec || !Spec->isInStdNamespace() || !Spec->getIdentifier() || Spec->getName() != Name)
    return nullptr;
  return Spec;
}

bool isStdTemplateOf(QualType T, StringRef Name, QualType Arg) {
  const ClassTemplateSpecializationDecl *Spec = stdSpecialization(T, Name);
  if (!Spec || Spec->getTemplateArgs().size() < 1)
    return false;
  const TemplateArgument &A = Spec->getTemplateArgs()[0];
  return A.getKind() == TemplateArgument::Type &&
         A.getAsType().getCanonicalType() == Arg.getCanonicalType();
}

} // namespace

bool isStdString(QualType T) {
  const ClassTemplateSpecializationDecl *Spec = stdSpecialization(T, "basic_string");
  if (!Spec || Spec->getTemplateArgs().size() != 3)
    return false;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args[0].getKind() != TemplateArgument::Type || !Args[0].getAsType()->isCharType() ||
      Args[0].getAsType().hasQualifiers())
    return false;
  QualType Char = Args[0].getAsType();
  return Args[1].getKind() == TemplateArgument::Type &&
         isStdTemplateOf(Args[1].getAsType(), "char_traits", Char) &&
         Args[2].getKind() == TemplateArgument::Type &&
         isStdTemplateOf(Args[2].getAsType(), "allocator", Char);
}

bool isStdStringView(QualType T) {
  const ClassTemplateSpecializationDecl *Spec = stdSpecialization(T, "basic_string_view");
  if (!Spec || Spec->getTemplateArgs().size() != 2)
    return false;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  return Args[0].getKind() == TemplateArgument::Type && Args[0].getAsType()->isCharType() &&
         !Args[0].getAsType().hasQualifiers() && Args[1].getKind() == TemplateArgument::Type &&
         isStdTemplateOf(Args[1].getAsType(), "char_traits", Args[0].getAsType());
}

bool isStdVector(QualType T, QualType *Element) {
  const ClassTemplateSpecializationDecl *Spec = stdSpecialization(T, "vector");
  if (!Spec || Spec->getTemplateArgs().size() != 2)
    return false;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args[0].getKind() != TemplateArgument::Type || Args[1].getKind() != TemplateArgument::Type)
    return false;
  QualType E = Args[0].getAsType();
  if (!isStdTemplateOf(Args[1].getAsType(), "allocator", E))
    return false;
  if (Element)
    *Element = E;
  return true;
}

std::optional<OwnerType> classifyOwner(QualType T) {
  if (T.isNull() || T->isDependentType())
    return std::nullopt;
  OwnerType O;
  QualType Object = T;
  if (const auto *Ref = T->getAs<LValueReferenceType>()) {
    Object = Ref->getPointeeType();
    if (!Object.isConstQualified())
      return std::nullopt; // A mutable reference: the callee may change the owner.
    O.IsReference = true;
  } else if (T->isReferenceType()) {
    return std::nullopt;
  }
  if (Object.isVolatileQualified())
    return std::nullopt;
  O.IsConst = Object.isConstQualified();
  QualType Element;
  if (isStdString(Object)) {
    O.Kind = OwnerKind::String;
  } else if (isStdVector(Object, &Element)) {
    if (Element->isBooleanType() || Element->isDependentType() || Element->isIncompleteType())
      return std::nullopt; // vector<bool> packs bits: no span over it.
    O.Kind = OwnerKind::Vector;
    O.Element = Element;
  } else {
    return std::nullopt;
  }
  O.Record = Object.getCanonicalType()->getAsCXXRecordDecl();
  return O;
}

bool isSameOwner(QualType T, const OwnerType &Owner) {
  if (T.isNull())
    return false;
  if (Owner.Kind == OwnerKind::String)
    return isStdString(T);
  QualType Element;
  return isStdVector(T, &Element) &&
         Element.getCanonicalType() == Owner.Element.getCanonicalType();
}

// --- spellings ---------------------------------------------------------------

ViewSpelling ViewSpelling::parse(StringRef Text) {
  ViewSpelling S;
  S.Text = Text.trim().str();
  StringRef T = StringRef(S.Text);
  size_t Open = T.find('<');
  if (Open == StringRef::npos || !T.ends_with(">")) {
    S.QualifiedName = T.str();
    return S;
  }
  S.QualifiedName = T.take_front(Open).trim().str();
  S.ArgumentPattern = T.slice(Open + 1, T.size() - 1).trim().str();
  return S;
}

bool ViewSpelling::isStandard(OwnerKind Kind) const {
  if (Kind == OwnerKind::String)
    return QualifiedName == "std::string_view" && ArgumentPattern.empty();
  return QualifiedName == "std::span" && ArgumentPattern == "const %T";
}

std::string ViewSpelling::spell(StringRef ElementSpelling, bool ElementIsPointer) const {
  std::string Out;
  std::string Pattern = Text;
  if (ElementIsPointer) {
    size_t At = Pattern.find("const %T");
    if (At != std::string::npos)
      Pattern.replace(At, 8, "%T const");
  }
  StringRef T(Pattern);
  while (!T.empty()) {
    size_t At = T.find("%T");
    Out += T.take_front(At).str();
    if (At == StringRef::npos)
      break;
    Out += ElementSpelling.str();
    T = T.drop_front(At + 2);
  }
  return Out;
}

const NamedDecl *lookupQualifiedName(StringRef Name, ASTContext &Ctx) {
  Name.consume_front("::");
  SmallVector<StringRef, 4> Parts;
  Name.split(Parts, "::");
  const DeclContext *DC = Ctx.getTranslationUnitDecl();
  for (size_t I = 0; I < Parts.size(); ++I) {
    if (Parts[I].empty() || !DC)
      return nullptr;
    DeclContextLookupResult R = DC->lookup(&Ctx.Idents.get(Parts[I]));
    const NamedDecl *Found = nullptr;
    for (const NamedDecl *D : R) {
      if (I + 1 < Parts.size()) {
        if (isa<NamespaceDecl>(D) || isa<CXXRecordDecl>(D)) {
          Found = D;
          break;
        }
      } else if (isa<TypedefNameDecl>(D) || isa<CXXRecordDecl>(D) || isa<ClassTemplateDecl>(D)) {
        Found = D;
        break;
      }
    }
    if (!Found)
      return nullptr;
    if (I + 1 == Parts.size())
      return Found;
    DC = dyn_cast<DeclContext>(Found);
  }
  return nullptr;
}

ViewType ViewType::resolve(const ViewSpelling &Spelling, const OwnerType &Owner,
                           ASTContext &Ctx) {
  ViewType V;
  V.Spelling = Spelling;
  V.Owner = Owner;
  // The standard views are known by structure: they need not be declared
  // yet (the fix-it adds their header).
  V.Standard = Spelling.isStandard(Owner.Kind);
  if (V.Standard)
    return V;
  const NamedDecl *D = lookupQualifiedName(Spelling.QualifiedName, Ctx);
  if (!D)
    return V;
  if (Spelling.ArgumentPattern.empty()) {
    QualType T;
    if (const auto *TD = dyn_cast<TypedefNameDecl>(D))
      T = TD->getUnderlyingType();
    else if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
      T = Ctx.getRecordType(RD);
    if (T.isNull() || T->isDependentType() || !T->getAsCXXRecordDecl())
      return V;
    if (Owner.Kind == OwnerKind::Vector)
      return V; // A span needs a template.
    V.Canonical = T.getCanonicalType().getUnqualifiedType();
  } else {
    if (!isa<ClassTemplateDecl>(D) || Owner.Kind != OwnerKind::Vector)
      return V;
    if (Spelling.ArgumentPattern != "const %T" && Spelling.ArgumentPattern != "%T")
      return V;
  }
  V.Decl = D;
  return V;
}

bool ViewType::matches(QualType T) const {
  if (!valid() || T.isNull())
    return false;
  T = T.getNonReferenceType().getCanonicalType().getUnqualifiedType();
  if (Standard && Owner.Kind == OwnerKind::String)
    return isStdStringView(T);
  if (!Canonical.isNull())
    return T == Canonical;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
  if (!Spec)
    return false;
  if (Standard) {
    if (!Spec->isInStdNamespace() || !Spec->getIdentifier() || Spec->getName() != "span")
      return false;
  } else if (Spec->getSpecializedTemplate()->getCanonicalDecl() !=
             cast<ClassTemplateDecl>(Decl)->getCanonicalDecl()) {
    return false;
  }
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() < 1 || Args[0].getKind() != TemplateArgument::Type)
    return false;
  QualType Want = Owner.Element.getCanonicalType();
  if (Spelling.ArgumentPattern == "const %T")
    Want.addConst();
  if (Args[0].getAsType().getCanonicalType() != Want)
    return false;
  // std::span<const T, N> with a static extent is not what we suggest.
  if (Standard && Args.size() >= 2 && Args[1].getKind() == TemplateArgument::Integral &&
      !Args[1].getAsIntegral().isMaxValue())
    return false;
  return true;
}

const CXXRecordDecl *ViewType::record() const {
  if (!Decl)
    return nullptr; // Standard views are not looked into.
  if (!Canonical.isNull())
    return Canonical->getAsCXXRecordDecl();
  return cast<ClassTemplateDecl>(Decl)->getTemplatedDecl();
}

StringLibrary detectStringLibrary(const CXXRecordDecl &StringRecord,
                                  std::optional<erasure::LibraryFamily> Family) {
  const Decl *Pattern = &StringRecord;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(&StringRecord))
    Pattern = Spec->getSpecializedTemplate()->getTemplatedDecl();
  SmallVector<StringRef, 4> Namespaces;
  for (const DeclContext *DC = Pattern->getDeclContext(); DC; DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
      Namespaces.insert(Namespaces.begin(), NS->getIdentifier() ? NS->getName() : StringRef());
  return classifyStringLibrary(Family, Namespaces);
}

std::string elementSpelling(const ParmVarDecl &Param, const OwnerType &Owner,
                            const ASTContext &Ctx) {
  const TypeSourceInfo *TSI = Param.getTypeSourceInfo();
  if (!TSI)
    return "";
  TypeLoc TL = TSI->getTypeLoc();
  for (;;) {
    if (auto R = TL.getAs<ReferenceTypeLoc>())
      TL = R.getPointeeLoc();
    else if (auto Q = TL.getAs<QualifiedTypeLoc>())
      TL = Q.getUnqualifiedLoc();
    else if (auto E = TL.getAs<ElaboratedTypeLoc>())
      TL = E.getNamedTypeLoc();
    else
      break;
  }
  auto Spec = TL.getAs<TemplateSpecializationTypeLoc>();
  if (!Spec || Spec.getNumArgs() < 1)
    return "";
  SourceRange R = Spec.getArgLoc(0).getSourceRange();
  if (R.isInvalid() || R.getBegin().isMacroID() || R.getEnd().isMacroID())
    return "";
  return Lexer::getSourceText(CharSourceRange::getTokenRange(R), Ctx.getSourceManager(),
                              Ctx.getLangOpts())
      .str();
}

} // namespace tightfit::views
