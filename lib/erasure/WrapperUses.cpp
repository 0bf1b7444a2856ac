//===- WrapperUses.cpp - what code does with a wrapper variable -----------===//
//
// A use is classified by the expression around the reference, looking through
// parentheses and implicit casts that only add const. Anything not recognised
// is Other, which the analysis treats as "the value may change": the
// classification errs towards saying less.
//
//===----------------------------------------------------------------------===//
#include "lib/erasure/WrapperUses.h"
#include "lib/erasure/SboModel.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace tightfit::erasure {

bool keepsValue(UseKind K) {
  switch (K) {
  case UseKind::Call:
  case UseKind::Test:
  case UseKind::Copy:
  case UseKind::ConstMember:
  case UseKind::ConstReference:
  case UseKind::ReferenceCapture:
  case UseKind::AnyCast:
    return true;
  case UseKind::ValueAssignment:
  case UseKind::Other:
    return false;
  }
  return false;
}

namespace {

class RefCollector : public RecursiveASTVisitor<RefCollector> {
public:
  explicit RefCollector(const ValueDecl &Var) : Var(Var) {}
  bool shouldVisitImplicitCode() const { return true; }
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (E->getDecl() == &Var)
      Refs.push_back(E);
    return true;
  }
  const ValueDecl &Var;
  std::vector<const DeclRefExpr *> Refs;
};

bool isStdFunctionNamed(const FunctionDecl *FD, StringRef Name) {
  return FD && FD->isInStdNamespace() && FD->getIdentifier() && FD->getName() == Name;
}

const Expr *argOf(const CallExpr &Call, const Expr *E, unsigned &Index) {
  for (unsigned I = 0; I < Call.getNumArgs(); ++I)
    if (Call.getArg(I) == E) {
      Index = I;
      return E;
    }
  return nullptr;
}

bool isStdWrapper(const CXXRecordDecl *RD) {
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         standardWrapperNamed(RD->getName()).has_value();
}

bool isConstLValueRef(QualType T) {
  return T->isLValueReferenceType() && T->getPointeeType().isConstQualified();
}

/// The type of the value an assignment operator or emplace stores, if the
/// member is a template taking a value (not another wrapper of its class).
QualType assignedValueType(const CXXMethodDecl &M) {
  if (M.isCopyAssignmentOperator() || M.isMoveAssignmentOperator() || M.getNumParams() != 1)
    return QualType();
  QualType P = M.getParamDecl(0)->getType();
  if (P->isNullPtrType())
    return QualType();
  const CXXRecordDecl *Own = M.getParent();
  if (const CXXRecordDecl *Arg = P.getNonReferenceType()->getAsCXXRecordDecl())
    if (Arg->getCanonicalDecl() == Own->getCanonicalDecl())
      return QualType();
  return P;
}

class Classifier {
public:
  explicit Classifier(ASTContext &Ctx) : Ctx(Ctx) {}

  WrapperUse classify(const DeclRefExpr &Ref) {
    WrapperUse U;
    U.Ref = &Ref;
    U.Kind = classifyFrom(DynTypedNode::create(static_cast<const Expr &>(Ref)), &Ref, U);
    return U;
  }

private:
  DynTypedNode parentOf(const DynTypedNode &N) {
    auto Parents = Ctx.getParents(N);
    if (Parents.empty())
      return DynTypedNode();
    return Parents[0];
  }

  UseKind classifyFrom(DynTypedNode Node, const Expr *Cur, WrapperUse &U) {
    for (unsigned Steps = 0; Steps < 16; ++Steps) {
      DynTypedNode P = parentOf(Node);
      if (const auto *PE = P.get<ParenExpr>()) {
        Cur = PE;
        Node = P;
        continue;
      }
      if (const auto *ICE = P.get<ImplicitCastExpr>()) {
        if (ICE->getCastKind() != CK_NoOp)
          return UseKind::Other;
        Cur = ICE;
        Node = P;
        continue;
      }
      if (const auto *ME = P.get<MemberExpr>())
        return memberUse(*ME, P, U);
      if (const auto *Op = P.get<CXXOperatorCallExpr>())
        return operatorUse(*Op, Cur, U);
      if (const auto *CE = P.get<CXXConstructExpr>()) {
        const CXXConstructorDecl *Ctor = CE->getConstructor();
        // Copied by a copy constructor, or by a standard wrapper that stores
        // a copy of its argument (a std::function of another signature).
        if (CE->getNumArgs() >= 1 && CE->getArg(0) == Cur &&
            (Ctor->isCopyConstructor() || isStdWrapper(Ctor->getParent())))
          return UseKind::Copy;
        return UseKind::Other;
      }
      if (const auto *Call = P.get<CallExpr>())
        return callArgumentUse(*Call, Cur);
      if (const auto *UO = P.get<UnaryOperator>()) {
        if (UO->getOpcode() != UO_AddrOf)
          return UseKind::Other;
        if (const auto *Call = parentOf(P).get<CallExpr>())
          if (isStdFunctionNamed(Call->getDirectCallee(), "any_cast"))
            return UseKind::AnyCast;
        return UseKind::Other;
      }
      if (P.get<LambdaExpr>())
        return UseKind::ReferenceCapture; // By-copy captures are CXXConstructExprs.
      if (const auto *VD = P.get<VarDecl>())
        return isConstLValueRef(VD->getType()) ? UseKind::ConstReference : UseKind::Other;
      return UseKind::Other;
    }
    return UseKind::Other;
  }

  UseKind memberUse(const MemberExpr &ME, const DynTypedNode &MENode, WrapperUse &U) {
    const auto *MC = parentOf(MENode).get<CXXMemberCallExpr>();
    const auto *M = dyn_cast_or_null<CXXMethodDecl>(ME.getMemberDecl());
    if (!MC || !M || MC->getCallee()->IgnoreParens() != &ME)
      return UseKind::Other;
    if (isa<CXXConversionDecl>(M))
      return cast<CXXConversionDecl>(M)->getConversionType()->isBooleanType() ? UseKind::Test
                                                                              : UseKind::Other;
    if (M->getOverloadedOperator() == OO_Call)
      return UseKind::Call;
    if (M->getIdentifier() && M->getName() == "emplace") {
      if (const TemplateArgumentList *Args = M->getTemplateSpecializationArgs())
        if (Args->size() >= 1 && Args->get(0).getKind() == TemplateArgument::Type) {
          U.AssignedType = Args->get(0).getAsType();
          return UseKind::ValueAssignment;
        }
      return UseKind::Other;
    }
    return M->isConst() ? UseKind::ConstMember : UseKind::Other;
  }

  UseKind operatorUse(const CXXOperatorCallExpr &Op, const Expr *Cur, WrapperUse &U) {
    bool IsObject = Op.getNumArgs() >= 1 && Op.getArg(0) == Cur;
    switch (Op.getOperator()) {
    case OO_Call:
      return IsObject ? UseKind::Call : UseKind::Other;
    case OO_EqualEqual:
    case OO_ExclaimEqual:
      for (const Expr *Arg : Op.arguments())
        if (Arg != Cur && Arg->IgnoreImpCasts()->getType()->isNullPtrType())
          return UseKind::Test;
      return UseKind::Other;
    case OO_Equal: {
      const auto *M = dyn_cast_or_null<CXXMethodDecl>(Op.getCalleeDecl());
      if (!M)
        return UseKind::Other;
      if (!IsObject) // The source of a copy assignment is copied.
        return M->isCopyAssignmentOperator() ? UseKind::Copy : UseKind::Other;
      QualType V = assignedValueType(*M);
      if (V.isNull())
        return UseKind::Other;
      U.AssignedType = V;
      return UseKind::ValueAssignment;
    }
    default:
      return UseKind::Other;
    }
  }

  UseKind callArgumentUse(const CallExpr &Call, const Expr *Cur) {
    const FunctionDecl *FD = Call.getDirectCallee();
    if (isStdFunctionNamed(FD, "any_cast"))
      return UseKind::AnyCast;
    unsigned Index = 0;
    if (!FD || !argOf(Call, Cur, Index))
      return UseKind::Other;
    // Member operators called as CXXOperatorCallExpr are handled above; a
    // CXXMemberCallExpr's arguments do not include the object.
    if (Index >= FD->getNumParams())
      return UseKind::Other;
    return isConstLValueRef(FD->getParamDecl(Index)->getType()) ? UseKind::ConstReference
                                                                : UseKind::Other;
  }

  ASTContext &Ctx;
};

} // namespace

std::vector<WrapperUse> collectWrapperUses(const ValueDecl &Var, const Stmt &Scope,
                                           ASTContext &Ctx) {
  RefCollector Collector(Var);
  Collector.TraverseStmt(const_cast<Stmt *>(&Scope));
  Classifier C(Ctx);
  std::vector<WrapperUse> Uses;
  Uses.reserve(Collector.Refs.size());
  for (const DeclRefExpr *Ref : Collector.Refs)
    Uses.push_back(C.classify(*Ref));
  return Uses;
}

} // namespace tightfit::erasure
