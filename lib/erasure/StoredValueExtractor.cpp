//===- StoredValueExtractor.cpp - a value's facts from Clang's AST --------===//
//
// The traits are the ones the libraries ask for, decided the way the language
// decides them, from the declarations the translation unit has:
//   - trivially copyable: Clang's own QualType query (what
//     __is_trivially_copyable answers);
//   - trivially copy constructible / destructible: the copy constructor that
//     takes `const T&` (declared, or the implicit one) is trivial and not
//     deleted; the destructor is trivial;
//   - nothrow copy / move constructible: the constructor overload resolution
//     picks for `const T&` / `T&&` among the non-template constructors (a
//     move constructor, else the copy constructor; a defaulted move
//     constructor that is deleted does not take part), and its exception
//     specification. An implicit or defaulted constructor whose specification
//     Clang has not computed yet is noexcept iff the same constructor of every
//     base and member is. A specification that depends on a template argument
//     and was not instantiated in the translation unit is Unknown; so is a
//     class whose only candidates are templates.
// Clang computes (and stores) those specifications whenever a library asks a
// trait about the type, so for the library in use the answer is the one its
// own std::is_nothrow_*_constructible gave.
//
//===----------------------------------------------------------------------===//
#include "lib/erasure/StoredValueExtractor.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecordLayout.h"
#include "clang/Basic/TargetInfo.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace tightfit::erasure {

llvm::StringRef valueKindKey(ValueKind K) {
  switch (K) {
  case ValueKind::Lambda:
    return "lambda";
  case ValueKind::BindExpression:
    return "bind";
  case ValueKind::FunctionPointer:
    return "functionPointer";
  case ValueKind::MemberPointer:
    return "memberPointer";
  case ValueKind::ReferenceWrapper:
    return "referenceWrapper";
  case ValueKind::Wrapper:
    return "wrapper";
  case ValueKind::Object:
    return "object";
  }
  return "object";
}

QualType decayedType(QualType T, const ASTContext &Ctx) {
  T = T.getNonReferenceType();
  if (T->isArrayType())
    return const_cast<ASTContext &>(Ctx).getArrayDecayedType(T).getUnqualifiedType();
  if (T->isFunctionType())
    return const_cast<ASTContext &>(Ctx).getPointerType(T);
  return T.getUnqualifiedType();
}

namespace {

enum class CtorKind { Copy, Move };

constexpr unsigned MaxDepth = 24;

class TraitOracle {
public:
  explicit TraitOracle(const ASTContext &Ctx) : Ctx(Ctx) {}

  Tri nothrowConstructible(QualType T, CtorKind K, unsigned Depth = 0) {
    if (Depth > MaxDepth || T.isNull() || T->isDependentType())
      return Tri::Unknown;
    if (T->isReferenceType())
      return Tri::Yes; // Binding a reference member cannot throw.
    // A const member is copied even by a move constructor.
    if (K == CtorKind::Move && T.isConstQualified())
      K = CtorKind::Copy;
    Tri NonClass = Tri::Yes;
    const CXXRecordDecl *RD = classDefinition(T, NonClass);
    if (!RD)
      return NonClass;
    return K == CtorKind::Move ? nothrowMove(*RD, Depth) : nothrowCopy(*RD, Depth);
  }

  Tri triviallyCopyConstructible(QualType T) {
    if (T.isNull() || T->isDependentType())
      return Tri::Unknown;
    if (T->isReferenceType())
      return Tri::Yes;
    Tri NonClass = Tri::Yes;
    const CXXRecordDecl *RD = classDefinition(T, NonClass);
    if (!RD)
      return NonClass;
    if (const CXXConstructorDecl *C = findCtor(*RD, CtorKind::Copy))
      return toTri(C->isTrivial() && !C->isDeleted());
    if (!RD->needsImplicitCopyConstructor())
      return Tri::Unknown;
    return toTri(RD->hasTrivialCopyConstructor() && !RD->defaultedCopyConstructorIsDeleted());
  }

  Tri triviallyDestructible(QualType T) {
    if (T.isNull() || T->isDependentType())
      return Tri::Unknown;
    if (T->isReferenceType())
      return Tri::Yes;
    Tri NonClass = Tri::Yes;
    const CXXRecordDecl *RD = classDefinition(T, NonClass);
    if (!RD)
      return NonClass;
    if (const CXXDestructorDecl *D = RD->getDestructor())
      if (D->isDeleted())
        return Tri::No;
    return toTri(RD->hasTrivialDestructor());
  }

private:
  /// The defining class of T (arrays: of their element type). For anything
  /// else, null with \p NonClass set to the trait's answer: Yes for scalars
  /// (every trait asked here holds for them), Unknown for incomplete types and
  /// classes without a definition in the translation unit.
  const CXXRecordDecl *classDefinition(QualType T, Tri &NonClass) const {
    T = Ctx.getBaseElementType(T);
    const auto *RD = T->getAsCXXRecordDecl();
    if (!RD) {
      NonClass = T->isIncompleteType() ? Tri::Unknown : Tri::Yes;
      return nullptr;
    }
    if (!RD->hasDefinition()) {
      NonClass = Tri::Unknown;
      return nullptr;
    }
    return RD->getDefinition();
  }

  /// The non-template copy constructor taking `const T&`, or the move
  /// constructor taking `T&&`, if one is declared.
  static const CXXConstructorDecl *findCtor(const CXXRecordDecl &RD, CtorKind K) {
    for (const CXXConstructorDecl *C : RD.ctors()) {
      unsigned Quals = 0;
      if (K == CtorKind::Copy) {
        if (C->isCopyConstructor(Quals) && (Quals & Qualifiers::Const) &&
            !(Quals & Qualifiers::Volatile))
          return C;
      } else if (C->isMoveConstructor(Quals) && !(Quals & Qualifiers::Volatile)) {
        if (!(Quals & Qualifiers::Const))
          return C;
      }
    }
    return nullptr;
  }

  Tri nothrowCopy(const CXXRecordDecl &RD, unsigned Depth) {
    if (const CXXConstructorDecl *C = findCtor(RD, CtorKind::Copy))
      return specOf(*C, RD, CtorKind::Copy, Depth);
    if (RD.needsImplicitCopyConstructor()) {
      if (RD.defaultedCopyConstructorIsDeleted())
        return Tri::No;
      if (RD.hasTrivialCopyConstructor())
        return Tri::Yes;
      return defaulted(RD, CtorKind::Copy, Depth);
    }
    return Tri::Unknown; // Only `T(T&)` or templates would take it.
  }

  Tri nothrowMove(const CXXRecordDecl &RD, unsigned Depth) {
    if (const CXXConstructorDecl *C = findCtor(RD, CtorKind::Move)) {
      // A defaulted move constructor defined as deleted is not a candidate.
      if (!(C->isDeleted() && C->isDefaulted()))
        return specOf(*C, RD, CtorKind::Move, Depth);
    } else if (RD.needsImplicitMoveConstructor() && !RD.defaultedMoveConstructorIsDeleted()) {
      if (RD.hasTrivialMoveConstructor())
        return Tri::Yes;
      return defaulted(RD, CtorKind::Move, Depth);
    }
    // No usable move constructor: `T&&` binds to the copy constructor.
    return nothrowCopy(RD, Depth);
  }

  Tri specOf(const CXXConstructorDecl &C, const CXXRecordDecl &RD, CtorKind K, unsigned Depth) {
    if (C.isDeleted())
      return Tri::No;
    if (C.isTrivial())
      return Tri::Yes;
    const auto *FPT = C.getType()->getAs<FunctionProtoType>();
    if (!FPT)
      return Tri::Unknown;
    switch (FPT->getExceptionSpecType()) {
    case EST_DynamicNone:
    case EST_BasicNoexcept:
    case EST_NoexceptTrue:
    case EST_NoThrow:
      return Tri::Yes;
    case EST_None:
    case EST_Dynamic:
    case EST_MSAny:
    case EST_NoexceptFalse:
      return Tri::No;
    case EST_Unevaluated:
      // Implicit or defaulted, not computed yet: the rule of [except.spec].
      if (C.isDefaulted())
        return defaulted(RD, K, Depth);
      return Tri::Unknown;
    case EST_Uninstantiated:
    case EST_DependentNoexcept:
    case EST_Unparsed:
      return Tri::Unknown;
    }
    return Tri::Unknown;
  }

  /// A defaulted copy/move constructor is noexcept iff the constructors it
  /// calls for every base and non-static member are.
  Tri defaulted(const CXXRecordDecl &RD, CtorKind K, unsigned Depth) {
    Tri Result = Tri::Yes;
    for (const CXXBaseSpecifier &B : RD.bases()) {
      Result = triAnd(Result, nothrowConstructible(B.getType(), K, Depth + 1));
      if (Result == Tri::No)
        return Result;
    }
    for (const CXXBaseSpecifier &B : RD.vbases()) {
      Result = triAnd(Result, nothrowConstructible(B.getType(), K, Depth + 1));
      if (Result == Tri::No)
        return Result;
    }
    if (RD.isUnion())
      return Result; // A union's defaulted constructor copies its bytes.
    for (const FieldDecl *F : RD.fields()) {
      Result = triAnd(Result, nothrowConstructible(F->getType(), K, Depth + 1));
      if (Result == Tri::No)
        return Result;
    }
    return Result;
  }

  const ASTContext &Ctx;
};

bool isStdRecordNamed(const CXXRecordDecl *RD, llvm::function_ref<bool(StringRef)> Pred) {
  if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier())
    return false;
  return Pred(RD->getName());
}

std::string printType(QualType T, const ASTContext &Ctx) {
  // A closure type prints as its source location: name it instead.
  if (const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl(); RD && RD->isLambda())
    return std::string(T.getNonReferenceType().isConstQualified() ? "const " : "") + "lambda" +
           (T->isReferenceType() ? " &" : "");
  // A deduced type prints as the library's internals (`shared_ptr<_NonArray<int>>`
  // for `auto p = std::make_shared<int>()`): print what it is instead.
  if (T->getContainedDeducedType())
    T = T.getCanonicalType();
  PrintingPolicy Policy = Ctx.getPrintingPolicy();
  Policy.SuppressTagKeyword = true;
  Policy.SuppressUnwrittenScope = true;
  std::string Text = T.getAsString(Policy);
  // Canonical string types under the names people write.
  static const std::pair<StringRef, StringRef> Aliases[] = {
      {"std::basic_string<char>", "std::string"},
      {"std::basic_string<wchar_t>", "std::wstring"},
      {"std::basic_string_view<char>", "std::string_view"},
  };
  for (const auto &[Long, Short] : Aliases)
    for (size_t At = Text.find(Long.str()); At != std::string::npos;
         At = Text.find(Long.str(), At + Short.size()))
      Text.replace(At, Long.size(), Short.str());
  return Text;
}

} // namespace

StoredValue describeStoredType(QualType T, const ASTContext &Ctx) {
  StoredValue V;
  if (T.isNull() || T->isDependentType() || T->isIncompleteType())
    return V;
  V.Size = std::max<uint64_t>(1, Ctx.getTypeSizeInChars(T).getQuantity());
  V.Align = std::max<uint64_t>(1, Ctx.getTypeAlignInChars(T).getQuantity());
  TraitOracle Oracle(Ctx);
  V.TriviallyCopyable = toTri(T.isTriviallyCopyableType(Ctx));
  V.NothrowMoveConstructible = Oracle.nothrowConstructible(T, CtorKind::Move);
  V.NothrowCopyConstructible = Oracle.nothrowConstructible(T, CtorKind::Copy);
  V.TriviallyCopyConstructible = Oracle.triviallyCopyConstructible(T);
  V.TriviallyDestructible = Oracle.triviallyDestructible(T);
  return V;
}

static ValueKind classify(QualType T) {
  if (T->isFunctionPointerType())
    return ValueKind::FunctionPointer;
  if (T->isMemberPointerType())
    return ValueKind::MemberPointer;
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return ValueKind::Object;
  if (RD->isLambda())
    return ValueKind::Lambda;
  if (isStdRecordNamed(RD, [](StringRef N) { return N == "reference_wrapper"; }))
    return ValueKind::ReferenceWrapper;
  // libstdc++'s _Bind/_Bind_result/_Bind_front, libc++'s __bind/__bind_r/
  // __bind_front_t.
  if (isStdRecordNamed(
          RD, [](StringRef N) { return N.starts_with("_Bind") || N.starts_with("__bind"); }))
    return ValueKind::BindExpression;
  if (isStdRecordNamed(RD, [](StringRef N) {
        return standardWrapperNamed(N).has_value() || N == "copyable_function";
      }))
    return ValueKind::Wrapper;
  return ValueKind::Object;
}

ValueDescription describeValue(QualType T, const ASTContext &Ctx, QualType WrittenType) {
  ValueDescription D;
  D.Kind = classify(T);
  D.Value = describeStoredType(T, Ctx);
  if (D.Kind != ValueKind::Lambda) {
    QualType Shown = WrittenType.isNull() ? T : decayedType(WrittenType, Ctx);
    D.TypeName = printType(Shown, Ctx);
    return D;
  }
  const CXXRecordDecl *Closure = T->getAsCXXRecordDecl();
  if (!Closure || !Closure->hasDefinition())
    return D;
  llvm::DenseMap<const ValueDecl *, FieldDecl *> Fields;
  FieldDecl *ThisField = nullptr;
  Closure->getCaptureFields(Fields, ThisField);
  for (const LambdaCapture &C : Closure->captures()) {
    CaptureFacts F;
    F.Implicit = C.isImplicit();
    const FieldDecl *Field = nullptr;
    if (C.capturesThis()) {
      F.Name = C.getCaptureKind() == LCK_StarThis ? "*this" : "this";
      Field = ThisField;
    } else if (C.capturesVariable()) {
      const ValueDecl *Var = C.getCapturedVar();
      F.Name = Var->getNameAsString();
      F.ByReference = C.getCaptureKind() == LCK_ByRef;
      Field = Fields.lookup(Var);
      F.TypeName = printType(F.ByReference ? Ctx.getLValueReferenceType(Var->getType())
                                           : Var->getType().getNonReferenceType(),
                             Ctx);
    } else {
      continue; // A VLA bound: no name to show.
    }
    if (!Field)
      continue;
    QualType FT = Field->getType();
    if (C.capturesThis())
      F.TypeName = printType(FT, Ctx);
    // A reference member takes a pointer's room (getTypeSize of a reference
    // type is the pointer's size).
    F.Bytes = Ctx.getTypeSizeInChars(FT).getQuantity();
    if (FT->isReferenceType()) {
      F.Traits.Size = F.Bytes;
      F.Traits.Align = Ctx.getTypeAlignInChars(FT).getQuantity();
      F.Traits.TriviallyCopyable = F.Traits.NothrowMoveConstructible =
          F.Traits.NothrowCopyConstructible = F.Traits.TriviallyCopyConstructible =
              F.Traits.TriviallyDestructible = Tri::Yes;
    } else {
      // The member keeps the captured variable's const: moving the closure
      // copies such a member.
      F.Traits = describeStoredType(FT, Ctx);
    }
    D.Captures.push_back(std::move(F));
  }
  return D;
}

std::vector<SourceLocation> captureLocations(QualType T) {
  std::vector<SourceLocation> Locs;
  const CXXRecordDecl *Closure = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  if (!Closure || !Closure->isLambda() || !Closure->hasDefinition())
    return Locs;
  llvm::DenseMap<const ValueDecl *, FieldDecl *> Fields;
  FieldDecl *ThisField = nullptr;
  Closure->getCaptureFields(Fields, ThisField);
  for (const LambdaCapture &C : Closure->captures()) {
    const FieldDecl *Field = nullptr;
    if (C.capturesThis())
      Field = ThisField;
    else if (C.capturesVariable())
      Field = Fields.lookup(C.getCapturedVar());
    if (!Field)
      continue; // Skipped by describeValue too.
    Locs.push_back(C.getLocation());
  }
  return Locs;
}

TargetDescription describeTarget(const ASTContext &Ctx) {
  TargetDescription T;
  const TargetInfo &TI = Ctx.getTargetInfo();
  T.PointerBytes = TI.getPointerWidth(LangAS::Default) / 8;
  uint64_t MaxAlign = 0;
  for (QualType Q : {Ctx.LongDoubleTy, Ctx.DoubleTy, Ctx.LongLongTy, Ctx.LongTy, Ctx.IntTy})
    MaxAlign = std::max<uint64_t>(MaxAlign, Ctx.getPreferredTypeAlign(Q.getTypePtr()) / 8);
  T.MaxFundamentalAlign = MaxAlign;
  T.DoubleAlign = Ctx.getTypeAlignInChars(Ctx.DoubleTy).getQuantity();
  return T;
}

} // namespace tightfit::erasure
