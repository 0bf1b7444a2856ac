//===- FixPlanTest.cpp - which fix-its of a run are applied ---------------===//
//
// The rules of lib/findings/FixPlan.h, one test each, on hand-made findings:
// translation units are numbers, files are plain paths.
//
//===----------------------------------------------------------------------===//
#include "lib/findings/FixPlan.h"

#include <gtest/gtest.h>

namespace tightfit::findings {
namespace {

FixEdit edit(const char *File, unsigned Offset, unsigned Length, const char *Text) {
  return FixEdit{File, Offset, Length, Text};
}

Finding finding(const char *File, unsigned Offset, unsigned Unit, std::vector<FixEdit> Fix) {
  Finding F;
  F.Check = "tightfit-padded-record";
  F.File = File;
  F.Offset = Offset;
  F.Line = 1;
  F.Column = Offset + 1;
  F.Message = "'S' is 24 bytes";
  F.Fix = std::move(Fix);
  F.ReportedBy = {Unit};
  return F;
}

/// Unit U read the files in \p Reads[U] (each once, unchanged).
RunFiles readsOf(std::vector<std::vector<const char *>> Reads, bool WholeProject = true) {
  RunFiles Files;
  Files.WholeProject = WholeProject;
  for (unsigned Unit = 0; Unit < Reads.size(); ++Unit) {
    Files.MainFiles.push_back(Reads[Unit].front());
    for (const char *File : Reads[Unit]) {
      Files.Reads[File].Units.push_back(Unit);
      Files.Reads[File].ContentHashes = {"same"};
    }
  }
  return Files;
}

TEST(FixPlanTest, EditsConflict) {
  // Overlapping replacements.
  EXPECT_TRUE(editsConflict(edit("f", 0, 4, "x"), edit("f", 2, 4, "y")));
  // Adjacent replacements, and an insertion right after a replacement.
  EXPECT_FALSE(editsConflict(edit("f", 0, 2, "x"), edit("f", 2, 2, "y")));
  EXPECT_FALSE(editsConflict(edit("f", 0, 2, "x"), edit("f", 2, 0, "y")));
  // An insertion where a replacement starts, or inside it: which goes first?
  EXPECT_TRUE(editsConflict(edit("f", 2, 0, "x"), edit("f", 2, 3, "y")));
  EXPECT_TRUE(editsConflict(edit("f", 3, 0, "x"), edit("f", 2, 3, "y")));
  // Two different insertions at one place; the same one twice is fine.
  EXPECT_TRUE(editsConflict(edit("f", 5, 0, "x"), edit("f", 5, 0, "y")));
  EXPECT_FALSE(editsConflict(edit("f", 5, 0, "x"), edit("f", 5, 0, "x")));
  // Other files never conflict.
  EXPECT_FALSE(editsConflict(edit("f", 0, 4, "x"), edit("g", 0, 4, "y")));
}

TEST(FixPlanTest, HeaderFixNeedsEveryUnitThatReadsIt) {
  // Units 0 and 1 include h and both propose the same edit; unit 2 includes
  // h too but does not report the finding.
  std::vector<Finding> Copies = {finding("h", 10, 0, {edit("h", 10, 3, "x")}),
                                 finding("h", 10, 1, {edit("h", 10, 3, "x")})};
  settleFixesAcrossUnits(Copies, readsOf({{"a.cpp", "h"}, {"b.cpp", "h"}, {"c.cpp", "h"}}));
  for (const Finding &F : Copies)
    EXPECT_EQ(F.FixRefusal,
              "'h' is also compiled by 1 translation unit that does not report this finding");

  std::vector<Finding> Agreeing = {finding("h", 10, 0, {edit("h", 10, 3, "x")}),
                                   finding("h", 10, 1, {edit("h", 10, 3, "x")})};
  settleFixesAcrossUnits(Agreeing, readsOf({{"a.cpp", "h"}, {"b.cpp", "h"}}));
  for (const Finding &F : Agreeing) {
    EXPECT_EQ(F.FixRefusal, "");
    EXPECT_EQ(F.Fix, std::vector<FixEdit>{edit("h", 10, 3, "x")});
  }
}

TEST(FixPlanTest, UnitsMustProposeTheSameEditsToASharedFile) {
  // Unit 1 reports the finding but proposes no fix-it (say, it found an
  // initialiser it cannot rewrite).
  std::vector<Finding> Copies = {finding("h", 10, 0, {edit("h", 10, 3, "x")}),
                                 finding("h", 10, 1, {})};
  settleFixesAcrossUnits(Copies, readsOf({{"a.cpp", "h"}, {"b.cpp", "h"}}));
  for (const Finding &F : Copies) {
    EXPECT_EQ(F.FixRefusal, "the translation units that compile 'h' do not all propose the "
                            "same edits to it");
    EXPECT_FALSE(F.Fix.empty()); // Shown beside the refusal.
  }
}

TEST(FixPlanTest, EachUnitAddsEditsToItsOwnFiles) {
  // The record in h is rewritten identically by both units; each also
  // rewrites an initialiser in its own main file.
  std::vector<Finding> Copies = {
      finding("h", 10, 0, {edit("h", 10, 3, "x"), edit("a.cpp", 40, 2, "ia")}),
      finding("h", 10, 1, {edit("h", 10, 3, "x"), edit("b.cpp", 50, 2, "ib")})};
  settleFixesAcrossUnits(Copies, readsOf({{"a.cpp", "h"}, {"b.cpp", "h"}}));
  std::vector<FixEdit> Union = {edit("a.cpp", 40, 2, "ia"), edit("b.cpp", 50, 2, "ib"),
                                edit("h", 10, 3, "x")};
  for (const Finding &F : Copies) {
    EXPECT_EQ(F.FixRefusal, "");
    EXPECT_EQ(F.Fix, Union);
  }
}

TEST(FixPlanTest, FilesReadByAUnitThatFailedAreNotEdited) {
  // Both units report the record in h with the same edit, but unit 1 did not
  // compile: its AST may be a recovery, so neither h nor b.cpp is edited.
  std::vector<Finding> Copies = {finding("h", 10, 0, {edit("h", 10, 3, "x")}),
                                 finding("h", 10, 1, {edit("h", 10, 3, "x")})};
  RunFiles Files = readsOf({{"a.cpp", "h"}, {"b.cpp", "h"}});
  Files.FailedUnits = {1};
  settleFixesAcrossUnits(Copies, Files);
  for (const Finding &F : Copies)
    EXPECT_EQ(F.FixRefusal, "'h' is also compiled by 'b.cpp', which did not compile");

  std::vector<Finding> InFailedMain = {finding("b.cpp", 10, 1, {edit("b.cpp", 10, 3, "x")})};
  settleFixesAcrossUnits(InFailedMain, Files);
  EXPECT_EQ(InFailedMain[0].FixRefusal, "'b.cpp' did not compile");

  // The unit that compiled still gets the fix-its of its own main file.
  std::vector<Finding> InGoodMain = {finding("a.cpp", 10, 0, {edit("a.cpp", 10, 3, "x")})};
  settleFixesAcrossUnits(InGoodMain, Files);
  EXPECT_EQ(InGoodMain[0].FixRefusal, "");
}

TEST(FixPlanTest, PartialRunsEditOnlyTheirMainFiles) {
  std::vector<Finding> InHeader = {finding("h", 10, 0, {edit("h", 10, 3, "x")})};
  settleFixesAcrossUnits(InHeader, readsOf({{"a.cpp", "h"}}, /*WholeProject=*/false));
  EXPECT_EQ(InHeader[0].FixRefusal,
            "it edits 'h', which translation units outside this run may compile; run over the "
            "whole compilation database to apply it");

  std::vector<Finding> InMain = {finding("a.cpp", 10, 0, {edit("a.cpp", 10, 3, "x")})};
  settleFixesAcrossUnits(InMain, readsOf({{"a.cpp", "h"}}, /*WholeProject=*/false));
  EXPECT_EQ(InMain[0].FixRefusal, "");
}

TEST(FixPlanTest, ConflictingFixesAreBothRefused) {
  std::vector<Finding> Findings = {finding("a.cpp", 10, 0, {edit("a.cpp", 10, 5, "x")}),
                                   finding("a.cpp", 12, 0, {edit("a.cpp", 12, 5, "y")}),
                                   finding("a.cpp", 40, 0, {edit("a.cpp", 40, 1, "z")})};
  FixPlan Plan = planFixes(Findings, readsOf({{"a.cpp"}}));
  EXPECT_EQ(Findings[0].FixRefusal, "it conflicts with the fix-it of the finding at a.cpp:1:13");
  EXPECT_EQ(Findings[1].FixRefusal, "it conflicts with the fix-it of the finding at a.cpp:1:11");
  EXPECT_EQ(Findings[2].FixRefusal, "");
  EXPECT_EQ(Plan.Findings, 1u);
  EXPECT_EQ(Plan.EditsByFile["a.cpp"], std::vector<FixEdit>{edit("a.cpp", 40, 1, "z")});
}

TEST(FixPlanTest, SharedEditsAreMadeOnce) {
  // Two findings whose fix-its both add the same line.
  std::vector<Finding> Findings = {
      finding("a.cpp", 10, 0, {edit("a.cpp", 0, 0, "#include <x>\n"), edit("a.cpp", 10, 1, "p")}),
      finding("a.cpp", 20, 0, {edit("a.cpp", 0, 0, "#include <x>\n"), edit("a.cpp", 20, 1, "q")})};
  FixPlan Plan = planFixes(Findings, readsOf({{"a.cpp"}}));
  EXPECT_EQ(Plan.Findings, 2u);
  std::vector<FixEdit> Expected = {edit("a.cpp", 0, 0, "#include <x>\n"),
                                   edit("a.cpp", 10, 1, "p"), edit("a.cpp", 20, 1, "q")};
  EXPECT_EQ(Plan.EditsByFile["a.cpp"], Expected);
}

TEST(FixPlanTest, FilesThatChangedDuringTheRunAreNotEdited) {
  RunFiles Files = readsOf({{"a.cpp", "h"}, {"b.cpp", "h"}});
  Files.Reads["h"].ContentHashes = {"before", "after"};
  std::vector<Finding> Findings = {finding("h", 10, 0, {edit("h", 10, 3, "x")})};
  FixPlan Plan = planFixes(Findings, Files);
  EXPECT_EQ(Findings[0].FixRefusal, "'h' changed while it was analysed");
  EXPECT_EQ(Plan.Findings, 0u);
  EXPECT_TRUE(Plan.EditsByFile.empty());
}

TEST(FixPlanTest, RefusedFixesStayOutOfThePlan) {
  std::vector<Finding> Findings = {finding("a.cpp", 10, 0, {edit("a.cpp", 10, 3, "x")}),
                                   finding("a.cpp", 20, 0, {edit("a.cpp", 20, 3, "y"),
                                                            edit("a.cpp", 21, 0, "z")})};
  Findings[0].FixRefusal = "decided before";
  FixPlan Plan = planFixes(Findings, readsOf({{"a.cpp"}}));
  EXPECT_EQ(Findings[0].FixRefusal, "decided before");
  EXPECT_EQ(Findings[1].FixRefusal, "its own edits overlap");
  EXPECT_EQ(Plan.Findings, 0u);
}

clang::tooling::Replacements replacements(llvm::StringRef Code, std::vector<FixEdit> Edits) {
  llvm::Expected<clang::tooling::Replacements> R = fileReplacements("f.cpp", Code, Edits, "none");
  EXPECT_TRUE(bool(R)) << llvm::toString(R.takeError());
  return R ? *R : clang::tooling::Replacements();
}

TEST(FixPlanTest, UnifiedDiffOfOneLine) {
  std::string Code = "a\nb\nc\n";
  EXPECT_EQ(unifiedDiff("f.cpp", "f.cpp", Code, replacements(Code, {edit("f.cpp", 2, 1, "B")})),
            "--- f.cpp\n+++ f.cpp\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
}

TEST(FixPlanTest, UnifiedDiffWithoutFinalNewline) {
  std::string Code = "x";
  EXPECT_EQ(unifiedDiff("f.cpp", "f.cpp", Code, replacements(Code, {edit("f.cpp", 0, 1, "y")})),
            "--- f.cpp\n+++ f.cpp\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+y\n"
            "\\ No newline at end of file\n");
}

TEST(FixPlanTest, UnifiedDiffHunksShiftLaterLineNumbers) {
  // Lines "1".."20"; line 2 gains a line after it, line 18 changes. The
  // hunks (3 lines of context) are lines 1-5 and 15-20; the second starts
  // one line later in the new file.
  std::string Code;
  for (int I = 1; I <= 20; ++I)
    Code += std::to_string(I) + "\n";
  unsigned Line2 = Code.find("2\n"), Line18 = Code.find("18\n");
  std::string Diff =
      unifiedDiff("f.cpp", "f.cpp", Code,
                  replacements(Code, {edit("f.cpp", Line2, 2, "2\n2b\n"),
                                      edit("f.cpp", Line18, 2, "XVIII")}));
  EXPECT_EQ(Diff, "--- f.cpp\n+++ f.cpp\n"
                  "@@ -1,5 +1,6 @@\n 1\n 2\n+2b\n 3\n 4\n 5\n"
                  "@@ -15,6 +16,6 @@\n 15\n 16\n 17\n-18\n+XVIII\n 19\n 20\n");
}

TEST(FixPlanTest, NothingToDiff) {
  EXPECT_EQ(unifiedDiff("f.cpp", "f.cpp", "a\n", clang::tooling::Replacements()), "");
}

} // namespace
} // namespace tightfit::findings
