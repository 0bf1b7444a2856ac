//===- SarifRenderer.cpp - findings as a SARIF 2.1.0 log ------------------===//
//
// See SarifRenderer.h. clang's SarifDocumentWriter builds the document: the
// run, the rules, the artifacts and every physical location. It knows no
// related locations, fixes, fingerprints or properties, so each result is
// written with all the places it needs as its locations (the finding's, its
// notes', then one per file its fix-it edits), and the document is finished
// afterwards: the extra locations move to where SARIF wants them.
//
//===----------------------------------------------------------------------===//
#include "lib/findings/SarifRenderer.h"

#include "lib/findings/Baseline.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/Sarif.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/xxhash.h"
#include <fmt/format.h>
#include <map>

namespace tightfit::findings {
namespace {

/// Source locations of byte offsets in files on disk.
class Locator {
public:
  Locator()
      : Files(clang::FileSystemOptions()),
        Diags(llvm::makeIntrusiveRefCnt<clang::DiagnosticIDs>(), new clang::DiagnosticOptions,
              new clang::IgnoringDiagConsumer()),
        Sources(Diags, Files) {}

  clang::SourceManager &sources() { return Sources; }

  /// A point range at \p Offset of \p File; none when the file is gone.
  std::optional<clang::CharSourceRange> at(llvm::StringRef File, unsigned Offset) {
    if (File.empty())
      return std::nullopt;
    clang::OptionalFileEntryRef Entry = Files.getOptionalFileRef(File);
    if (!Entry)
      return std::nullopt;
    clang::FileID ID = Sources.getOrCreateFileID(*Entry, clang::SrcMgr::C_User);
    std::optional<llvm::MemoryBufferRef> Buffer = Sources.getBufferOrNone(ID);
    if (!Buffer || Offset > Buffer->getBufferSize())
      return std::nullopt;
    clang::SourceLocation Loc = Sources.getComposedLoc(ID, Offset);
    return clang::CharSourceRange::getCharRange(Loc, Loc);
  }

private:
  clang::FileManager Files;
  clang::DiagnosticsEngine Diags;
  clang::SourceManager Sources;
};

/// How the locations of one result were laid out for the writer.
struct ResultLayout {
  bool HasPrimary = false;
  std::vector<unsigned> NoteIndices; ///< Notes that got a location, in order.
  std::vector<std::string> FixFiles; ///< Files of applicable fix-its, in order.
};

std::string fingerprint(const Finding &F) {
  std::string Key = F.Check + "\n" + F.Message + "\n" + lineContext(F.File, F.Line);
  return llvm::utohexstr(llvm::xxh3_64bits(llvm::StringRef(Key)), /*LowerCase=*/true, 16);
}

llvm::json::Object fixOf(const Finding &F, const std::vector<std::string> &FixFiles,
                         llvm::ArrayRef<llvm::json::Value> FileLocations) {
  llvm::json::Array Changes;
  for (size_t I = 0; I < FixFiles.size(); ++I) {
    llvm::json::Array Replacements;
    for (const FixEdit &E : F.Fix) {
      if (E.File != FixFiles[I])
        continue;
      Replacements.push_back(llvm::json::Object{
          {"deletedRegion", llvm::json::Object{{"byteOffset", E.Offset}, {"byteLength", E.Length}}},
          {"insertedContent", llvm::json::Object{{"text", E.Text}}}});
    }
    const llvm::json::Object *Physical =
        FileLocations[I].getAsObject()->getObject("physicalLocation");
    Changes.push_back(llvm::json::Object{
        {"artifactLocation", *Physical->get("artifactLocation")},
        {"replacements", std::move(Replacements)}});
  }
  return llvm::json::Object{
      {"description", llvm::json::Object{{"text", "Apply the fix-it of " + F.Check + "."}}},
      {"artifactChanges", std::move(Changes)}};
}

} // namespace

void renderSarif(const FindingsReport &Report, const RunInfo &Run, llvm::raw_ostream &OS) {
  Locator Places;
  clang::SarifDocumentWriter Writer(Places.sources());
  // The writer keeps references to these strings until the document is made.
  const std::string LongName = "tightfit " + Run.ToolVersion;
  Writer.createRun("tightfit", LongName, Run.ToolVersion);

  // Rules: the checks that ran, then any other check a finding names (e.g. a
  // compiler warning the configuration enabled).
  std::map<std::string, size_t> RuleIndex;
  std::map<std::string, const RuleInfo *> RuleDocs;
  auto AddRule = [&](const std::string &Id, const std::string &Summary) {
    if (RuleIndex.count(Id))
      return;
    RuleIndex[Id] = Writer.createRule(clang::SarifRule::create()
                                          .setRuleId(Id)
                                          .setName(Id)
                                          .setDescription(Summary));
  };
  for (const RuleInfo &Rule : Run.Rules) {
    AddRule(Rule.Id, Rule.Summary);
    RuleDocs[Rule.Id] = &Rule;
  }
  for (const Finding &F : Report.Findings)
    AddRule(F.Check, llvm::StringRef(F.Check).starts_with("clang-diagnostic-")
                         ? "A compiler warning that the configuration enables."
                         : "A clang-tidy check.");

  std::vector<ResultLayout> Layouts;
  for (const Finding &F : Report.Findings) {
    ResultLayout Layout;
    llvm::SmallVector<clang::CharSourceRange, 8> Ranges;
    if (auto Range = Places.at(F.File, F.Offset)) {
      Ranges.push_back(*Range);
      Layout.HasPrimary = true;
    }
    for (unsigned I = 0; I < F.Notes.size(); ++I)
      if (auto Range = Places.at(F.Notes[I].File, F.Notes[I].Offset)) {
        Ranges.push_back(*Range);
        Layout.NoteIndices.push_back(I);
      }
    if (F.FixRefusal.empty())
      for (const FixEdit &E : F.Fix) {
        if (llvm::is_contained(Layout.FixFiles, E.File))
          continue;
        auto Range = Places.at(E.File, 0);
        if (!Range) {
          Layout.FixFiles.clear(); // No fix rather than part of one.
          Ranges.resize(Layout.HasPrimary + Layout.NoteIndices.size());
          break;
        }
        Ranges.push_back(*Range);
        Layout.FixFiles.push_back(E.File);
      }
    Writer.appendResult(clang::SarifResult::create(RuleIndex[F.Check])
                            .setRuleId(F.Check)
                            .setDiagnosticMessage(F.Message)
                            .setLocations(Ranges)
                            .setDiagnosticLevel(F.Level == Severity::Error
                                                    ? clang::SarifResultLevel::Error
                                                    : clang::SarifResultLevel::Warning));
    Layouts.push_back(std::move(Layout));
  }

  llvm::json::Object Document = Writer.createDocument();
  llvm::json::Object &RunObject = *(*Document.getArray("runs"))[0].getAsObject();

  llvm::json::Object &Driver = *RunObject.getObject("tool")->getObject("driver");
  Driver.erase("informationUri"); // The writer names clang's manual.
  for (llvm::json::Value &RuleValue : *Driver.getArray("rules")) {
    llvm::json::Object &Rule = *RuleValue.getAsObject();
    std::string Id = Rule.getString("id").value_or("").str();
    const llvm::json::Object *Full = Rule.getObject("fullDescription");
    std::string Summary = Full ? Full->getString("text").value_or("").str() : "";
    Rule["shortDescription"] = llvm::json::Object{{"text", Summary}};
    if (auto Doc = RuleDocs.find(Id); Doc != RuleDocs.end() && !Doc->second->Help.empty())
      Rule["help"] = llvm::json::Object{{"text", Doc->second->Help},
                                        {"markdown", Doc->second->Help}};
  }

  llvm::json::Array &Results = *RunObject.getArray("results");
  for (size_t I = 0; I < Results.size(); ++I) {
    llvm::json::Object &Result = *Results[I].getAsObject();
    const Finding &F = Report.Findings[I];
    const ResultLayout &Layout = Layouts[I];
    std::vector<llvm::json::Value> Locations;
    if (llvm::json::Array *Written = Result.getArray("locations"))
      Locations.assign(Written->begin(), Written->end());
    Result.erase("locations");
    size_t Next = 0;
    if (Layout.HasPrimary)
      Result["locations"] = llvm::json::Array{Locations[Next++]};
    llvm::json::Array Related;
    for (unsigned NoteIndex : Layout.NoteIndices) {
      llvm::json::Object Location = *Locations[Next++].getAsObject();
      Location["id"] = int64_t(Related.size());
      Location["message"] = llvm::json::Object{{"text", F.Notes[NoteIndex].Message}};
      Related.push_back(std::move(Location));
    }
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);
    if (!Layout.FixFiles.empty())
      Result["fixes"] = llvm::json::Array{
          fixOf(F, Layout.FixFiles, llvm::ArrayRef(Locations).drop_front(Next))};
    Result["partialFingerprints"] = llvm::json::Object{{"tightfit/v1", fingerprint(F)}};
    if (F.Details)
      Result["properties"] = llvm::json::Object{
          {"tightfit", llvm::json::Object{{"details", llvm::json::Object(*F.Details)}}}};
  }

  llvm::json::Array Notifications;
  for (const std::string &File : Report.FailedFiles)
    Notifications.push_back(llvm::json::Object{
        {"level", "error"},
        {"message", llvm::json::Object{{"text", "'" + File + "' did not compile; its findings "
                                                             "are missing"}}}});
  llvm::json::Object Invocation{{"executionSuccessful", Report.FailedTranslationUnits == 0}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);
  RunObject["invocations"] = llvm::json::Array{std::move(Invocation)};

  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Document))) << "\n";
}

} // namespace tightfit::findings
