//===- BaselineTest.cpp - findings a project has accepted -----------------===//
//
// Matching rules of lib/findings/Baseline.h: code that moves keeps its
// findings baselined, changed findings are new, each entry matches once.
//
//===----------------------------------------------------------------------===//
#include "lib/findings/Baseline.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <gtest/gtest.h>

namespace tightfit::findings {
namespace {

/// A source file in a fresh temporary directory, removed afterwards.
class SourceFile {
public:
  explicit SourceFile(llvm::StringRef Text) {
    EXPECT_FALSE(llvm::sys::fs::createUniqueDirectory("tightfit-baseline", Directory));
    Path = Directory;
    llvm::sys::path::append(Path, "src", "a.h");
    EXPECT_FALSE(llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)));
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    OS << Text;
  }
  ~SourceFile() { llvm::sys::fs::remove_directories(Directory); }

  llvm::SmallString<128> Directory, Path;
};

Finding finding(llvm::StringRef File, unsigned Line, llvm::StringRef Message) {
  Finding F;
  F.Check = "tightfit-padded-record";
  F.File = File.str();
  F.Line = Line;
  F.Column = 8;
  F.Message = Message.str();
  return F;
}

TEST(BaselineTest, LineContextIgnoresBlanks) {
  SourceFile Source("int x;\n\t struct   Packet {  \n");
  EXPECT_EQ(lineContext(Source.Path, 2), "struct Packet {");
  EXPECT_EQ(lineContext(Source.Path, 1), "int x;");
  EXPECT_EQ(lineContext(Source.Path, 9), "");
}

TEST(BaselineTest, PathsAreRelativeToTheBaseline) {
  EXPECT_EQ(baselinePath("/p/src/a.h", "/p"), "src/a.h");
  EXPECT_EQ(baselinePath("/p/src/a.h", "/p/"), "src/a.h");
  EXPECT_EQ(baselinePath("/px/a.h", "/p"), "/px/a.h");
  EXPECT_EQ(baselinePath("/q/a.h", "/p"), "/q/a.h");
}

TEST(BaselineTest, MovedFindingsStayBaselined) {
  // The baseline was written when the record was on line 2; lines were
  // added above it since.
  SourceFile Source("\n\n\n\nstruct Packet {\n");
  Baseline B;
  B.Entries.push_back({"tightfit-padded-record", "src/a.h", 2, "'Packet' is 24 bytes",
                       "struct Packet {"});
  std::vector<Finding> Findings = {finding(Source.Path, 5, "'Packet' is 24 bytes")};
  EXPECT_EQ(applyBaseline(Findings, B, Source.Directory), 1u);
  EXPECT_TRUE(Findings.empty());
}

TEST(BaselineTest, ChangedMessagesAreNew) {
  SourceFile Source("struct Packet {\n");
  Baseline B;
  B.Entries.push_back({"tightfit-padded-record", "src/a.h", 1, "'Packet' is 24 bytes",
                       "struct Packet {"});
  std::vector<Finding> Findings = {finding(Source.Path, 1, "'Packet' is 32 bytes")};
  EXPECT_EQ(applyBaseline(Findings, B, Source.Directory), 0u);
  EXPECT_EQ(Findings.size(), 1u);
}

TEST(BaselineTest, EditedLinesMatchByMessage) {
  // A comment was added to the record's line: second pass.
  SourceFile Source("struct Packet { // wire format\n");
  Baseline B;
  B.Entries.push_back({"tightfit-padded-record", "src/a.h", 1, "'Packet' is 24 bytes",
                       "struct Packet {"});
  std::vector<Finding> Findings = {finding(Source.Path, 1, "'Packet' is 24 bytes")};
  EXPECT_EQ(applyBaseline(Findings, B, Source.Directory), 1u);
}

TEST(BaselineTest, EachEntryMatchesOnce) {
  // Two findings with the same message; the baseline knew one, on line 3.
  // The one with the same context and the nearest line is baselined.
  SourceFile Source("struct A {\n\nstruct A {\n");
  Baseline B;
  B.Entries.push_back({"tightfit-padded-record", "src/a.h", 3, "'A' is 24 bytes", "struct A {"});
  std::vector<Finding> Findings = {finding(Source.Path, 1, "'A' is 24 bytes"),
                                   finding(Source.Path, 3, "'A' is 24 bytes")};
  EXPECT_EQ(applyBaseline(Findings, B, Source.Directory), 1u);
  ASSERT_EQ(Findings.size(), 1u);
  EXPECT_EQ(Findings[0].Line, 1u);
}

TEST(BaselineTest, OtherFilesAndChecksDoNotMatch) {
  SourceFile Source("struct Packet {\n");
  Baseline B;
  B.Entries.push_back({"tightfit-padded-record", "src/b.h", 1, "'Packet' is 24 bytes",
                       "struct Packet {"});
  B.Entries.push_back({"tightfit-other", "src/a.h", 1, "'Packet' is 24 bytes", "struct Packet {"});
  std::vector<Finding> Findings = {finding(Source.Path, 1, "'Packet' is 24 bytes")};
  EXPECT_EQ(applyBaseline(Findings, B, Source.Directory), 0u);
}

TEST(BaselineTest, WrittenBaselinesReadBack) {
  SourceFile Source("struct Packet {\n");
  std::vector<Finding> Findings = {finding(Source.Path, 1, "'Packet' is 24 bytes")};
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  renderBaseline(makeBaseline(Findings, Source.Directory), OS);
  llvm::Expected<Baseline> Read = parseBaseline(Text, "b.json");
  ASSERT_TRUE(bool(Read)) << llvm::toString(Read.takeError());
  ASSERT_EQ(Read->Entries.size(), 1u);
  EXPECT_EQ(Read->Entries[0].File, "src/a.h");
  EXPECT_EQ(Read->Entries[0].Context, "struct Packet {");
  EXPECT_EQ(applyBaseline(Findings, *Read, Source.Directory), 1u);
}

TEST(BaselineTest, MalformedBaselinesAreErrors) {
  auto Problem = [](llvm::StringRef Text) {
    llvm::Expected<Baseline> B = parseBaseline(Text, "b.json");
    return B ? std::string("(parsed)") : llvm::toString(B.takeError());
  };
  EXPECT_EQ(Problem("{\"version\": 2, \"baseline\": []}"),
            "invalid baseline 'b.json': unknown version (expected \"version\": 1)");
  EXPECT_EQ(Problem("{\"version\": 1}"), "invalid baseline 'b.json': no \"baseline\" array");
  EXPECT_EQ(Problem("{\"version\": 1, \"baseline\": [{\"check\": \"x\"}]}"),
            "invalid baseline 'b.json': entry 0 needs \"check\", \"file\", \"line\", "
            "\"message\" and \"context\"");
  EXPECT_NE(Problem("[1,"), "(parsed)");
}

} // namespace
} // namespace tightfit::findings
