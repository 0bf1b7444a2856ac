//===- RecordUseScanner.cpp - what a TU does with its records -------------===//
//
// What counts as observing a record's layout (each makes the fix-it refuse):
//   - offsetof(T, ...), and sizeof(T) in a static_assert, in a comparison
//     (`sizeof(R) == 24`, assert()), or passed to GoogleTest's comparisons;
//   - a structured binding of the record itself;
//   - memcpy/memmove/memcmp/bcopy between it and a different type (a byte
//     buffer); between two objects of one type the layout does not matter;
//   - fwrite/fread/write/read/pwrite/pread/send/recv/sendto/recvfrom of it;
//   - a C-style or reinterpret_cast between a pointer (or reference) to it
//     and one to a different, non-void, unrelated type; a cast from an
//     integer to a pointer to it; a pointer to it from mmap/shmat;
//   - std::bit_cast (any `bit_cast`), __builtin_bit_cast;
//   - C++20 aggregate initialisation with parentheses, written or through a
//     standard function that constructs it from arguments (emplace_back,
//     make_unique, construct_at, ...).
// T observes R when T contains R by value: R itself, or a record with a
// field, array element or base that contains R.
//
// Evidence of instances (see InstanceEvidence.h): constant arrays of it
// (variables, fields, std::array), standard containers holding it by value,
// new[] and calloc/malloc of arrays, new and malloc in loops, and fields of
// other records.
//
//===----------------------------------------------------------------------===//
#include "lib/layout/RecordUseScanner.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;

namespace tightfit::layout {

namespace {

using RecordList = llvm::SmallVector<const RecordDecl *, 2>;

} // namespace

bool hasOwnBraces(const InitListExpr &List, const SourceManager &SM) {
  // A brace-elided sub-list gets the range of its elements as its "braces".
  SourceLocation L = List.getLBraceLoc();
  if (L.isInvalid())
    return false;
  bool Invalid = false;
  const char *C = SM.getCharacterData(SM.getSpellingLoc(L), &Invalid);
  return !Invalid && *C == '{';
}

namespace {

const RecordDecl *canonical(const RecordDecl *RD) {
  return cast<RecordDecl>(RD->getCanonicalDecl());
}

bool isInstantiation(const Decl *D) {
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    return FD->isTemplateInstantiation();
  if (const auto *CT = dyn_cast<ClassTemplateSpecializationDecl>(D))
    return CT->getSpecializationKind() != TSK_ExplicitSpecialization &&
           CT->getSpecializationKind() != TSK_Undeclared;
  if (const auto *VT = dyn_cast<VarTemplateSpecializationDecl>(D))
    return VT->getSpecializationKind() != TSK_ExplicitSpecialization &&
           VT->getSpecializationKind() != TSK_Undeclared;
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
    return RD->getTemplateInstantiationPattern() != nullptr;
  return false;
}

/// The unqualified name of the function \p E calls, or "".
StringRef calleeName(const CallExpr *E) {
  if (const FunctionDecl *FD = E->getDirectCallee())
    if (const IdentifierInfo *II = FD->getIdentifier())
      return II->getName();
  return "";
}

bool inNamespace(const Decl *D, StringRef Name) {
  for (const DeclContext *C = D->getDeclContext(); C; C = C->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(C))
      if (NS->getName() == Name && isa<TranslationUnitDecl>(NS->getParent()->getRedeclContext()))
        return true;
  return false;
}

/// `sizeof(T)` or `sizeof expr` at the top of \p E: T.
std::optional<QualType> sizeofType(const Expr *E) {
  if (!E)
    return std::nullopt;
  if (const auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(E->IgnoreParenImpCasts()))
    if (U->getKind() == UETT_SizeOf)
      return U->getTypeOfArgument();
  return std::nullopt;
}

/// Every sizeof(T) inside \p S.
void collectSizeofs(const Stmt *S, llvm::SmallVectorImpl<std::pair<QualType, const Expr *>> &Out) {
  if (!S)
    return;
  if (const auto *U = dyn_cast<UnaryExprOrTypeTraitExpr>(S))
    if (U->getKind() == UETT_SizeOf)
      Out.emplace_back(U->getTypeOfArgument(), U);
  for (const Stmt *Child : S->children())
    collectSizeofs(Child, Out);
}

/// What a pointer argument points to (arrays decay), before its conversion
/// to `void *`.
std::optional<QualType> pointee(const Expr *E) {
  if (!E)
    return std::nullopt;
  QualType T = E->IgnoreParenImpCasts()->getType();
  if (const auto *AT = T->getAsArrayTypeUnsafe())
    return AT->getElementType();
  if (T->isPointerType())
    return T->getPointeeType();
  return std::nullopt;
}

bool isMappedMemoryCall(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CallExpr>(E ? E->IgnoreParenCasts() : nullptr);
  if (!Call)
    return false;
  StringRef Name = calleeName(Call);
  return Name == "mmap" || Name == "mmap64" || Name == "shmat" || Name == "MapViewOfFile";
}

const llvm::StringSet<> &containerNames() {
  static const llvm::StringSet<> Names = {
      "vector", "deque", "list", "forward_list", "set", "multiset", "map", "multimap",
      "unordered_set", "unordered_multiset", "unordered_map", "unordered_multimap",
      "priority_queue", "queue", "stack", "valarray", "flat_map", "flat_set"};
  return Names;
}

const llvm::StringSet<> &constructingFunctions() {
  static const llvm::StringSet<> Names = {
      "construct_at", "make_unique", "make_shared", "allocate_shared", "make_optional",
      "emplace", "emplace_back", "emplace_front", "emplace_hint", "try_emplace",
      "make_obj_using_allocator", "construct"};
  return Names;
}

class Scanner : public RecursiveASTVisitor<Scanner> {
  using Base = RecursiveASTVisitor<Scanner>;

public:
  Scanner(ASTContext &Ctx, const llvm::SmallPtrSetImpl<const RecordDecl *> &Records)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Records(Records) {}

  RecordUseMap Uses;

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D)) {
      SourceLocation L = D->getLocation();
      if (L.isValid() && SM.isInSystemHeader(L))
        return true;
    }
    bool Inst = isInstantiation(D);
    InstDepth += Inst;
    bool R = Base::TraverseDecl(D);
    InstDepth -= Inst;
    return R;
  }

#define TIGHTFIT_LOOP(Kind)                                                                   \
  bool Traverse##Kind(Kind *S) {                                                              \
    ++LoopDepth;                                                                              \
    bool R = Base::Traverse##Kind(S);                                                         \
    --LoopDepth;                                                                              \
    return R;                                                                                 \
  }
  TIGHTFIT_LOOP(ForStmt)
  TIGHTFIT_LOOP(WhileStmt)
  TIGHTFIT_LOOP(DoStmt)
  TIGHTFIT_LOOP(CXXForRangeStmt)
#undef TIGHTFIT_LOOP

  //--- Observations -----------------------------------------------------------

  bool VisitOffsetOfExpr(OffsetOfExpr *E) {
    observe(E->getTypeSourceInfo()->getType(), FixRefusal::OffsetOf, E->getBeginLoc(), "");
    return true;
  }

  bool VisitStaticAssertDecl(StaticAssertDecl *D) {
    llvm::SmallVector<std::pair<QualType, const Expr *>, 2> Sizes;
    collectSizeofs(D->getAssertExpr(), Sizes);
    for (auto &[T, E] : Sizes)
      observe(T, FixRefusal::SizeAsserted, E->getBeginLoc(), "");
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *E) {
    if (!E->isComparisonOp())
      return true;
    for (const Expr *Side : {E->getLHS(), E->getRHS()})
      if (std::optional<QualType> T = sizeofType(Side))
        observe(*T, FixRefusal::SizeAsserted, E->getBeginLoc(), "");
    return true;
  }

  bool VisitDecompositionDecl(DecompositionDecl *D) {
    QualType T = D->getType().getNonReferenceType();
    if (const RecordDecl *RD = T->getAsRecordDecl())
      if (isCandidate(RD))
        add(RD).Observations.push_back({FixRefusal::StructuredBinding, D->getLocation(), ""});
    return true;
  }

  bool VisitCallExpr(CallExpr *E) {
    const FunctionDecl *FD = E->getDirectCallee();
    StringRef Name = calleeName(E);
    if (!FD)
      return true;
    SourceLocation Loc = E->getBeginLoc();
    if (Name == "memcpy" || Name == "memmove" || Name == "memcmp" || Name == "bcmp" ||
        Name == "bcopy" || Name == "__builtin_memcpy" || Name == "__builtin_memmove" ||
        Name == "__builtin_memcmp" || Name == "__builtin___memcpy_chk" ||
        Name == "__builtin___memmove_chk" || Name == "wmemcpy") {
      std::optional<QualType> A = E->getNumArgs() > 0 ? pointee(E->getArg(0)) : std::nullopt;
      std::optional<QualType> B = E->getNumArgs() > 1 ? pointee(E->getArg(1)) : std::nullopt;
      if (A && B &&
          Ctx.hasSameUnqualifiedType(A->getCanonicalType(), B->getCanonicalType()))
        return true; // One type to itself: the layout is the same on both sides.
      for (const std::optional<QualType> &T : {A, B})
        if (T)
          observe(*T, FixRefusal::ByteCopy, Loc, Name.str());
      return true;
    }
    if (Name == "fwrite" || Name == "fread" || Name == "write" || Name == "read" ||
        Name == "pwrite" || Name == "pread" || Name == "pwrite64" || Name == "pread64" ||
        Name == "send" || Name == "recv" || Name == "sendto" || Name == "recvfrom" ||
        Name == "fwrite_unlocked" || Name == "fread_unlocked") {
      for (const Expr *Arg : E->arguments())
        if (std::optional<QualType> T = pointee(Arg))
          observe(*T, FixRefusal::FileIo, Loc, Name.str());
      return true;
    }
    if (Name == "bit_cast") {
      observe(E->getType(), FixRefusal::BitCast, Loc, "");
      for (const Expr *Arg : E->arguments())
        observe(Arg->IgnoreParenImpCasts()->getType(), FixRefusal::BitCast, Loc, "");
      return true;
    }
    if (inNamespace(FD, "testing")) {
      for (const Expr *Arg : E->arguments())
        if (std::optional<QualType> T = sizeofType(Arg))
          observe(*T, FixRefusal::SizeAsserted, Loc, "");
      return true;
    }
    if (Ctx.getLangOpts().CPlusPlus20 && inNamespace(FD, "std") &&
        constructingFunctions().contains(Name))
      noteLibraryConstruction(E, FD);
    if (Name == "malloc" || Name == "calloc" || Name == "realloc" || Name == "reallocarray" ||
        Name == "aligned_alloc")
      noteAllocation(E, Name);
    return true;
  }

  bool VisitExplicitCastExpr(ExplicitCastExpr *E) {
    if (!isa<CStyleCastExpr>(E) && !isa<CXXReinterpretCastExpr>(E) &&
        !isa<CXXStaticCastExpr>(E))
      return true;
    QualType To = E->getTypeAsWritten();
    const Expr *From = E->getSubExprAsWritten();
    QualType FromType = From->getType();
    SourceLocation Loc = E->getBeginLoc();
    if (isa<CXXStaticCastExpr>(E)) {
      // static_cast from void* is a round trip, unless the memory is mapped.
      if (To->isPointerType() && isMappedMemoryCall(From))
        observe(To->getPointeeType(), FixRefusal::PointerCast, Loc, "");
      return true;
    }
    std::optional<QualType> ToObject, FromObject;
    if (To->isPointerType())
      ToObject = To->getPointeeType();
    else if (To->isReferenceType())
      ToObject = To.getNonReferenceType();
    if (FromType->isPointerType())
      FromObject = FromType->getPointeeType();
    else if (const auto *AT = FromType->getAsArrayTypeUnsafe())
      FromObject = AT->getElementType();
    else if (To->isReferenceType())
      FromObject = FromType;
    if (ToObject && (FromType->isIntegerType() || isMappedMemoryCall(From))) {
      observe(*ToObject, FixRefusal::PointerCast, Loc, "");
      return true;
    }
    if (!ToObject || !FromObject)
      return true;
    if ((*ToObject)->isVoidType() || (*FromObject)->isVoidType() ||
        Ctx.hasSameUnqualifiedType(*ToObject, *FromObject) || related(*ToObject, *FromObject))
      return true;
    observe(*ToObject, FixRefusal::PointerCast, Loc, "");
    observe(*FromObject, FixRefusal::PointerCast, Loc, "");
    return true;
  }

  bool VisitImplicitCastExpr(ImplicitCastExpr *E) {
    // C: `struct R *p = mmap(...);`.
    if (E->getType()->isPointerType() && isMappedMemoryCall(E->getSubExpr()))
      observe(E->getType()->getPointeeType(), FixRefusal::PointerCast, E->getBeginLoc(), "");
    return true;
  }

  bool VisitBuiltinBitCastExpr(BuiltinBitCastExpr *E) {
    observe(E->getType(), FixRefusal::BitCast, E->getBeginLoc(), "");
    observe(E->getSubExpr()->getType(), FixRefusal::BitCast, E->getBeginLoc(), "");
    return true;
  }

  bool VisitCXXParenListInitExpr(CXXParenListInitExpr *E) {
    if (const RecordDecl *RD = E->getType()->getAsRecordDecl())
      if (isCandidate(RD))
        add(RD).Observations.push_back({FixRefusal::ParenAggregateInit, E->getBeginLoc(), ""});
    return true;
  }

  //--- Initializer lists ------------------------------------------------------

  bool VisitInitListExpr(InitListExpr *E) {
    const InitListExpr *Semantic = E->isSemanticForm() ? E : E->getSemanticForm();
    if (!Semantic)
      Semantic = E;
    const InitListExpr *Syntactic = E->isSyntacticForm() ? E : E->getSyntacticForm();
    if (!Syntactic)
      Syntactic = E;
    noteList(Semantic, Syntactic, /*Elided=*/false);
    findElided(Semantic, 0);
    return true;
  }

  //--- Evidence ---------------------------------------------------------------

  bool VisitVarDecl(VarDecl *D) {
    // A parameter or reference names a container that exists elsewhere.
    if (isa<ParmVarDecl>(D) || D->getType()->isReferenceType())
      noteContainers(D->getType().getNonReferenceType(), D->getName(), D->getLocation(), 0);
    else
      noteHolder(D->getType(), D->getName(), D->getLocation(), nullptr);
    return true;
  }

  bool VisitFieldDecl(FieldDecl *D) {
    const RecordDecl *Parent = D->getParent();
    noteHolder(D->getType(), D->getName(), D->getLocation(), Parent);
    return true;
  }

  bool VisitCXXNewExpr(CXXNewExpr *E) {
    QualType T = E->getAllocatedType();
    if (E->isArray())
      evidence(T, {EvidenceKind::ArrayNew, "", "", 0, 0}, E->getBeginLoc(), nullptr);
    else if (LoopDepth)
      evidence(T, {EvidenceKind::NewInLoop, "", "", 0, 0}, E->getBeginLoc(), nullptr);
    return true;
  }

private:
  bool isCandidate(const RecordDecl *RD) const {
    return RD && Records.count(canonical(RD));
  }

  RecordUses &add(const RecordDecl *RD) { return Uses[canonical(RD)]; }

  /// Candidate records that \p T contains by value.
  RecordList containedIn(QualType T) {
    if (T.isNull())
      return {};
    const Type *Base = T.getNonReferenceType()->getBaseElementTypeUnsafe();
    const RecordDecl *RD = Base ? Base->getAsRecordDecl() : nullptr;
    if (!RD)
      return {};
    return contained(RD);
  }

  RecordList contained(const RecordDecl *RD) {
    RD = RD->getDefinition() ? RD->getDefinition() : RD;
    const RecordDecl *Key = canonical(RD);
    auto It = Containment.find(Key);
    if (It != Containment.end())
      return It->second;
    Containment[Key] = {}; // Guards against (invalid) cycles.
    RecordList Out;
    auto Add = [&](const RecordList &L) {
      for (const RecordDecl *R : L)
        if (!llvm::is_contained(Out, R))
          Out.push_back(R);
    };
    if (isCandidate(RD))
      Out.push_back(Key);
    if (RD->isCompleteDefinition()) {
      for (const FieldDecl *F : RD->fields())
        Add(containedIn(F->getType()));
      if (const auto *Class = dyn_cast<CXXRecordDecl>(RD))
        for (const CXXBaseSpecifier &B : Class->bases())
          Add(containedIn(B.getType()));
    }
    Containment[Key] = Out;
    return Out;
  }

  void observe(QualType T, FixRefusal Kind, SourceLocation Loc, std::string Detail) {
    for (const RecordDecl *RD : containedIn(T))
      add(RD).Observations.push_back({Kind, Loc, Detail});
  }

  /// Classes related by inheritance: a cast between them is no reinterpretation.
  bool related(QualType A, QualType B) const {
    const auto *CA = A->getAsCXXRecordDecl(), *CB = B->getAsCXXRecordDecl();
    if (!CA || !CB || !CA->hasDefinition() || !CB->hasDefinition())
      return false;
    return CA->isDerivedFrom(CB) || CB->isDerivedFrom(CA);
  }

  void noteList(const InitListExpr *Semantic, const InitListExpr *Syntactic, bool Elided) {
    const RecordDecl *RD = Semantic->getType()->getAsRecordDecl();
    if (!isCandidate(RD))
      return;
    InitListUse U;
    U.Semantic = Semantic;
    U.Syntactic = Elided ? nullptr : Syntactic;
    U.Elided = Elided;
    U.InInstantiation = InstDepth > 0;
    add(RD).InitLists.push_back(U);
  }

  /// Brace-elided sub-lists exist only in the semantic form.
  void findElided(const InitListExpr *Semantic, unsigned Depth) {
    if (Depth > 16)
      return;
    for (const Expr *Init : Semantic->inits()) {
      const auto *Sub = dyn_cast_or_null<InitListExpr>(Init);
      if (!Sub || hasOwnBraces(*Sub, SM))
        continue;
      noteList(Sub, nullptr, /*Elided=*/true);
      findElided(Sub, Depth + 1);
    }
  }

  void evidence(QualType T, InstanceEvidence E, SourceLocation Loc, const RecordDecl *Holder) {
    RecordList In = containedIn(T);
    if (In.empty())
      return;
    E.Line = SM.getExpansionLineNumber(Loc);
    for (const RecordDecl *RD : In)
      if (!Holder || canonical(Holder) != RD)
        add(RD).Evidence.push_back({E, Loc, Holder});
  }

  /// Variables and fields: arrays and containers of the records; fields of
  /// other records.
  void noteHolder(QualType T, StringRef Name, SourceLocation Loc, const RecordDecl *Parent) {
    if (T.isNull() || T->isReferenceType())
      return;
    uint64_t Count = 1;
    QualType Element = T;
    bool IsArray = false;
    while (const auto *CA = Ctx.getAsConstantArrayType(Element)) {
      Count = Count * CA->getSize().getZExtValue();
      Element = CA->getElementType();
      IsArray = true;
    }
    if (IsArray)
      evidence(Element, {EvidenceKind::Array, Name.str(), "", Count, 0}, Loc, nullptr);
    noteContainers(Element, Name, Loc, 0);
    // A field of another record: that record's instances are its instances.
    if (Parent)
      if (const RecordDecl *RD = Element->getAsRecordDecl())
        if (isCandidate(RD) && canonical(RD) != canonical(Parent))
          add(RD).Evidence.push_back(
              {{EvidenceKind::MemberOf, Parent->getNameAsString(), "", 0,
                SM.getExpansionLineNumber(Loc)},
               Loc,
               Parent});
  }

  void noteContainers(QualType T, StringRef Name, SourceLocation Loc, unsigned Depth) {
    if (Depth > 4)
      return;
    const auto *Spec =
        dyn_cast_or_null<ClassTemplateSpecializationDecl>(T->getAsCXXRecordDecl());
    if (!Spec || !inNamespace(Spec, "std"))
      return;
    StringRef Template = Spec->getSpecializedTemplate()->getName();
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Template == "array" && Args.size() == 2 && Args[0].getKind() == TemplateArgument::Type &&
        Args[1].getKind() == TemplateArgument::Integral) {
      evidence(Args[0].getAsType(),
               {EvidenceKind::Array, Name.str(), "", Args[1].getAsIntegral().getZExtValue(), 0},
               Loc, nullptr);
      return;
    }
    if (!containerNames().contains(Template))
      return;
    for (const TemplateArgument &A : Args.asArray()) {
      if (A.getKind() != TemplateArgument::Type)
        continue;
      evidence(A.getAsType(), {EvidenceKind::Container, Name.str(), "std::" + Template.str(), 0, 0},
               Loc, nullptr);
      noteContainers(A.getAsType(), Name, Loc, Depth + 1);
    }
  }

  void noteAllocation(const CallExpr *E, StringRef Name) {
    for (unsigned I = 0; I < E->getNumArgs(); ++I) {
      const Expr *Arg = E->getArg(I)->IgnoreParenImpCasts();
      llvm::SmallVector<std::pair<QualType, const Expr *>, 2> Sizes;
      collectSizeofs(Arg, Sizes);
      if (Sizes.empty())
        continue;
      bool Multiplied = false;
      if (const auto *B = dyn_cast<BinaryOperator>(Arg))
        Multiplied = B->getOpcode() == BO_Mul;
      bool CallocOfMany = (Name == "calloc" || Name == "reallocarray") && E->getNumArgs() == 2;
      if (CallocOfMany) {
        const Expr *Count = E->getArg(I == 0 ? 1 : 0)->IgnoreParenImpCasts();
        Expr::EvalResult R;
        if (Count->EvaluateAsInt(R, Ctx) && R.Val.getInt() == 1)
          CallocOfMany = false;
      }
      EvidenceKind Kind;
      if (Multiplied || CallocOfMany)
        Kind = EvidenceKind::AllocArray;
      else if (LoopDepth)
        Kind = EvidenceKind::AllocInLoop;
      else
        continue;
      for (auto &[T, SizeExpr] : Sizes)
        evidence(T, {Kind, Name.str(), "", 0, 0}, E->getBeginLoc(), nullptr);
    }
  }

  /// C++20: a standard function that constructs a record from arguments may
  /// aggregate-initialise it with parentheses.
  void noteLibraryConstruction(const CallExpr *E, const FunctionDecl *FD) {
    llvm::SmallVector<QualType, 4> Types;
    if (const TemplateArgumentList *Args = FD->getTemplateSpecializationArgs())
      for (const TemplateArgument &A : Args->asArray())
        if (A.getKind() == TemplateArgument::Type)
          Types.push_back(A.getAsType());
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(FD->getDeclContext()))
      for (const TemplateArgument &A : Spec->getTemplateArgs().asArray())
        if (A.getKind() == TemplateArgument::Type)
          Types.push_back(A.getAsType());
    unsigned NumArgs = E->getNumArgs();
    if (isa<CXXMemberCallExpr>(E))
      NumArgs = E->getNumArgs();
    for (QualType T : Types) {
      const auto *RD = dyn_cast_or_null<CXXRecordDecl>(T->getAsRecordDecl());
      if (!isCandidate(RD) || !RD->hasDefinition() || !RD->isAggregate())
        continue;
      bool CopyOrMove = NumArgs == 1 && Ctx.hasSameUnqualifiedType(
                                            E->getArg(E->getNumArgs() - 1)->getType(), T);
      if (NumArgs == 0 || CopyOrMove)
        continue;
      add(RD).Observations.push_back({FixRefusal::ParenAggregateInit, E->getBeginLoc(), ""});
    }
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  const llvm::SmallPtrSetImpl<const RecordDecl *> &Records;
  llvm::DenseMap<const RecordDecl *, RecordList> Containment;
  unsigned InstDepth = 0;
  unsigned LoopDepth = 0;
};

} // namespace

RecordUseMap scanRecordUses(ASTContext &Ctx,
                            const llvm::SmallPtrSetImpl<const RecordDecl *> &Records) {
  Scanner S(Ctx, Records);
  S.TraverseDecl(Ctx.getTranslationUnitDecl());
  return std::move(S.Uses);
}

} // namespace tightfit::layout
