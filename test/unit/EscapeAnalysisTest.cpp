//===- EscapeAnalysisTest.cpp - which owners may become views -------------===//
//
// Parses one translation unit with the real standard headers and asks the
// escape analysis and the parameter verdict about each function in it: one
// expectation per rule, positives beside negatives.
//
//===----------------------------------------------------------------------===//
#include "lib/erasure/LibraryDetection.h"
#include "lib/views/EscapeAnalysis.h"
#include "lib/views/ViewParameterAnalysis.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include <gtest/gtest.h>
#include <memory>

using namespace clang;
using namespace tightfit::views;

namespace {

const char *const Code = R"cpp(
#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

size_t reads(const std::string &s) { return s.size() + s.find("x") + (s == "y") + s.compare("z"); }
size_t viaSubstr(const std::string &s) { return s.substr(1).size(); }
size_t lambdaNow(const std::string &s) { return [&] { return s.size(); }(); }
bool algo(const std::string &s) { return std::any_of(s.begin(), s.end(), [&](char c) { return c == s[0]; }); }
long spanLike(const std::vector<int> &v) { long t = 0; for (int x : v) t += x; return t + v[0]; }

std::string returned(const std::string &s) { return s; }
std::string returnedSubstr(const std::string &s) { return s.substr(1); }
std::string global;
void stored(const std::string &s) { global = s; }
std::function<size_t()> captured(const std::string &s) { return [&s] { return s.size(); }; }
const char *nul(const std::string &s) { return s.c_str() + 0; }
size_t nulIndex(const std::string &s) { return s[s.size()]; }
void owner(const std::string &);
void needsOwner(const std::string &s) { owner(s); }
std::string plus(const std::string &s) { std::string r = s + "!"; return r; }
size_t modified(std::string s) { s += "x"; return s.size(); }
size_t spanAt(const std::vector<int> &v) { return v.at(0); }
bool spanEq(const std::vector<int> &a, const std::vector<int> &b) { return a == b; }

void aliasing(std::string &out, const std::string &s) { out.append(s.data(), s.size()); }
struct Holder {
  std::string member;
  size_t mutates(const std::string &s) { member.clear(); return s.size(); }
  size_t reads(const std::string &s) const { return s.size() + member.size(); }
};

size_t called(const std::string &s) { return s.size(); }
int callers() { std::string l = "abc"; return called("a literal of twenty-four") + called(l); }
size_t braced(const std::vector<int> &v) { return v.size(); }
size_t useBraced() { return braced({1, 2, 3}); }
size_t over(const std::string &s) { return s.size(); }
size_t over(int n) { return n; }
size_t addressed(const std::string &s) { return s.size(); }
auto *ptr = &addressed;
struct V { virtual size_t len(const std::string &s) { return s.size(); } };
)cpp";

class EscapeAnalysisTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    AST = tooling::buildASTFromCodeWithArgs(
        Code, {"-std=c++20", "--target=x86_64-linux-gnu", "-resource-dir", TIGHTFIT_CLANG_RESOURCE_DIR},
        "views-input.cpp");
    ASSERT_TRUE(AST);
    ASSERT_FALSE(AST->getDiagnostics().hasErrorOccurred());
    // The library comes from the TU's macros, as the check finds it.
    ViewParameterOptions Options;
    if (std::optional<tightfit::erasure::LibraryId> Lib =
            tightfit::erasure::detectLibrary(AST->getPreprocessor()).Library)
      Options.Library = Lib->Family;
    Analysis = std::make_unique<ViewParameterAnalysis>(AST->getASTContext(), Options);
  }
  static void TearDownTestSuite() {
    Analysis.reset();
    AST.reset();
  }

  static const FunctionDecl *function(llvm::StringRef Name) {
    for (const FunctionDecl *F : Analysis->index().definitions())
      if (F->getQualifiedNameAsString() == Name)
        return F;
    return nullptr;
  }
  /// The first blocker of parameter \p Index of \p Name, or "viewable".
  static std::string uses(llvm::StringRef Name, unsigned Index = 0) {
    const FunctionDecl *F = function(Name);
    if (!F)
      return "no such function";
    const ParmVarDecl *P = F->getParamDecl(Index);
    std::optional<OwnerType> Owner = classifyOwner(P->getType());
    if (!Owner)
      return "no owner";
    ViewSpelling S = ViewSpelling::parse(Owner->Kind == OwnerKind::String ? "std::string_view"
                                                                          : "std::span<const %T>");
    ViewType View = ViewType::resolve(S, *Owner, AST->getASTContext());
    ViewUseSummary U = analyzeUses(*F, *P, *Owner, View, AST->getASTContext());
    return U.viewable() ? "viewable" : describe(U.Blocking.Blocker).str();
  }
  static std::string verdict(llvm::StringRef Name, unsigned Index = 0) {
    const FunctionDecl *F = function(Name);
    if (!F)
      return "no such function";
    ParameterVerdict V = Analysis->judge(*F, Index);
    return V.Rejection.empty() ? "finding" : V.Rejection;
  }

  static std::unique_ptr<ASTUnit> AST;
  static std::unique_ptr<ViewParameterAnalysis> Analysis;
};

std::unique_ptr<ASTUnit> EscapeAnalysisTest::AST;
std::unique_ptr<ViewParameterAnalysis> EscapeAnalysisTest::Analysis;

TEST_F(EscapeAnalysisTest, OwnerTypes) {
  const FunctionDecl *F = function("modified");
  ASSERT_TRUE(F);
  std::optional<OwnerType> O = classifyOwner(F->getParamDecl(0)->getType());
  ASSERT_TRUE(O);
  EXPECT_EQ(O->Kind, OwnerKind::String);
  EXPECT_FALSE(O->IsReference);
  const FunctionDecl *A = function("aliasing");
  EXPECT_FALSE(classifyOwner(A->getParamDecl(0)->getType())); // std::string &: mutable
  EXPECT_TRUE(classifyOwner(A->getParamDecl(1)->getType()));
  std::optional<OwnerType> V = classifyOwner(function("spanLike")->getParamDecl(0)->getType());
  ASSERT_TRUE(V);
  EXPECT_EQ(V->Kind, OwnerKind::Vector);
  EXPECT_TRUE(V->Element->isIntegerType());
}

TEST_F(EscapeAnalysisTest, ReadOnlyUsesAreViewable) {
  EXPECT_EQ(uses("reads"), "viewable");
  EXPECT_EQ(uses("viaSubstr"), "viewable");
  EXPECT_EQ(uses("lambdaNow"), "viewable");
  EXPECT_EQ(uses("algo"), "viewable");
  EXPECT_EQ(uses("spanLike"), "viewable");
}

TEST_F(EscapeAnalysisTest, EachBlocker) {
  EXPECT_EQ(uses("returned"), "returned");
  EXPECT_EQ(uses("returnedSubstr"), "returned");
  EXPECT_EQ(uses("stored"), "stored");
  EXPECT_EQ(uses("captured"), "captured");
  EXPECT_EQ(uses("nul"), "needs NUL terminator");
  EXPECT_EQ(uses("nulIndex"), "needs NUL terminator");
  EXPECT_EQ(uses("needsOwner"), "needs the owning type");
  EXPECT_EQ(uses("plus"), "needs the owning type");
  EXPECT_EQ(uses("modified"), "modified");
  EXPECT_EQ(uses("spanAt"), "needs the owning type");
  EXPECT_EQ(uses("spanEq"), "needs the owning type");
}

TEST_F(EscapeAnalysisTest, AliasingHazards) {
  ASTContext &Ctx = AST->getASTContext();
  const FunctionDecl *A = function("aliasing");
  EXPECT_TRUE(bool(findAliasingHazard(*A, *A->getParamDecl(1), Ctx)));
  const FunctionDecl *M = function("Holder::mutates");
  EXPECT_TRUE(bool(findAliasingHazard(*M, *M->getParamDecl(0), Ctx)));
  const FunctionDecl *R = function("Holder::reads");
  EXPECT_FALSE(bool(findAliasingHazard(*R, *R->getParamDecl(0), Ctx)));
  const FunctionDecl *Plain = function("reads");
  EXPECT_FALSE(bool(findAliasingHazard(*Plain, *Plain->getParamDecl(0), Ctx)));
}

TEST_F(EscapeAnalysisTest, SignatureAndCallerRules) {
  EXPECT_EQ(verdict("reads"), "finding");
  EXPECT_EQ(verdict("called"), "finding");
  EXPECT_EQ(verdict("braced"), "a caller would not compile");
  EXPECT_EQ(verdict("over"), "overloaded");
  EXPECT_EQ(verdict("addressed"), "address taken");
  EXPECT_EQ(verdict("V::len"), "virtual");
  EXPECT_EQ(verdict("aliasing", 1), "aliasing (mutable reference or pointer parameter)");
}

TEST_F(EscapeAnalysisTest, CallSiteEvidence) {
  ParameterVerdict V = Analysis->judge(*function("called"), 0);
  ASSERT_TRUE(V.Rejection.empty());
  const ViewParameterFacts &F = V.Finding.Facts;
  EXPECT_EQ(F.Library, "libstdc++");
  EXPECT_EQ(F.SsoCapacity, 15u);
  ASSERT_EQ(F.Sites.size(), 2u);
  EXPECT_EQ(F.Sites[0].K, CallSiteEvidence::Kind::Literal);
  EXPECT_EQ(F.Sites[0].LiteralLength, 24u); // "a literal of twenty-four" has 24 chars
  EXPECT_EQ(F.Sites[1].K, CallSiteEvidence::Kind::Nothing);
  EXPECT_EQ(V.Finding.Tally.Level, Priority::High);
  ASSERT_EQ(V.Finding.Edits.size(), 1u); // the parameter type; <string_view> is visible
  EXPECT_EQ(V.Finding.Edits[0].Text, "std::string_view ");
}

} // namespace
