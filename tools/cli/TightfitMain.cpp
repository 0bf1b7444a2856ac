//===- TightfitMain.cpp - the standalone tightfit tool --------------------===//
//
//   tightfit -p BUILD_DIR [FILES... | --all] [options]
//   tightfit FILES... -- COMPILE FLAGS
//
// Runs tightfit's checks over a project's translation units in parallel and
// reports each finding once, however many units include the header it is in:
// as clang-style text, JSON, SARIF or an HTML report. It can apply the
// findings' fix-its (--fix, --fix-dry-run) and compare the findings with a
// baseline (--baseline, --write-baseline). The checks are hosted by
// clang-tidy's library (options from .clang-tidy files, CheckOptions, NOLINT
// comments and the header filter behave as in clang-tidy).
//
// Standard output carries the report (or, with --fix-dry-run, the diff);
// standard error the compiler errors, a progress line on a terminal and a
// summary. Nothing is written before the analysis is complete, and every file
// is written whole (OutputFiles.h).
//
// Exit codes:
//   0  no findings (or all of them in the baseline), or none at or above
//      --fail-on
//   1  findings at or above --fail-on
//   2  usage or input error: nothing was written
//   3  some translation unit failed to compile (the findings of the others
//      are still reported)
//
//===----------------------------------------------------------------------===//
#include "clang-tidy/ClangTidy.h"
#include "lib/findings/Baseline.h"
#include "lib/findings/FixPlan.h"
#include "lib/findings/HtmlRenderer.h"
#include "lib/findings/JsonRenderer.h"
#include "lib/findings/SarifRenderer.h"
#include "lib/findings/TextRenderer.h"
#include "tools/cli/AnalysisRun.h"
#include "tools/cli/CheckDocs.h"
#include "tools/cli/CompileCommands.h"
#include "tools/cli/OutputFiles.h"
#include "tools/cli/Progress.h"
#include "tools/common/TidyOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <fmt/format.h>

using clang::tooling::CompilationDatabase;
namespace cl = llvm::cl;
namespace findings = tightfit::findings;
namespace frontend = tightfit::frontend;
using namespace tightfit::cli;

namespace {

enum ExitCode : int {
  NoFindings = 0,
  FindingsReported = 1,
  InputError = 2,
  CompileFailed = 3,
};

cl::OptionCategory ToolCategory("tightfit options");

cl::opt<bool> AllOption("all",
                        cl::desc("Analyse every file of the compilation database (the default\n"
                                 "when no files are given)"),
                        cl::cat(ToolCategory));

cl::opt<unsigned> JobsOption("j",
                             cl::desc("Translation units analysed in parallel (default: one per\n"
                                      "hardware thread)"),
                             cl::value_desc("N"), cl::init(0), cl::Prefix, cl::cat(ToolCategory));
cl::alias JobsAlias("jobs", cl::desc("Alias for -j"), cl::aliasopt(JobsOption));

cl::opt<std::string>
    ChecksOption("checks",
                 cl::desc("Comma-separated globs of checks to run, added after those of the\n"
                          "configuration (default: -*,tightfit-*); a leading '-' disables"),
                 cl::value_desc("GLOBS"), cl::cat(ToolCategory));

cl::opt<std::string> ConfigOption(
    "config",
    cl::desc("Configuration in YAML, used instead of .clang-tidy files, e.g.\n"
             "--config=\"{CheckOptions: {tightfit-padded-record.MinSavingBytes: 8}}\""),
    cl::value_desc("YAML"), cl::cat(ToolCategory));

cl::list<std::string> CheckOptionOption(
    "check-option",
    cl::desc("Set a check option over the configuration's, e.g.\n"
             "--check-option=tightfit-padded-record.MinSavingBytes=8 (repeatable)"),
    cl::value_desc("NAME=VALUE"), cl::cat(ToolCategory));

cl::opt<std::string>
    HeaderFilterOption("header-filter",
                       cl::desc("Regular expression of the headers to report findings in, besides\n"
                                "the main files (default: none, or the configuration's)"),
                       cl::value_desc("REGEX"), cl::cat(ToolCategory));

cl::opt<bool> SystemHeadersOption("system-headers",
                                  cl::desc("Report findings in system headers too"),
                                  cl::cat(ToolCategory));

cl::list<std::string> ExcludeOption(
    "exclude",
    cl::desc("Glob of files not to analyse and not to report findings in, matched\n"
             "against the absolute path and every tail of it after a '/', e.g.\n"
             "--exclude='third_party/*' (repeatable, or comma-separated)"),
    cl::value_desc("GLOB"), cl::CommaSeparated, cl::cat(ToolCategory));

// Plain strings rather than enumerated options, so that a bad value gets this
// tool's one-line error rather than llvm::cl's.
cl::opt<std::string>
    FormatOption("format",
                 cl::desc("How to report the findings: 'text' (clang-tidy's format, the\n"
                          "default), 'json', 'sarif' (SARIF 2.1.0) or 'html' (a report with\n"
                          "the layout of every flagged record drawn)"),
                 cl::value_desc("text|json|sarif|html"), cl::init("text"), cl::cat(ToolCategory));

cl::opt<std::string> OutputOption("o",
                                  cl::desc("Write the report to FILE instead of standard output"),
                                  cl::value_desc("FILE"), cl::cat(ToolCategory));
cl::alias OutputAlias("output", cl::desc("Alias for -o"), cl::aliasopt(OutputOption));

// Colours: LLVM's own --color (--color, --color=false; default: on a terminal).

cl::opt<std::string>
    FailOnOption("fail-on",
                 cl::desc("Exit with 1 for findings of this severity or above: 'warning' (the\n"
                          "default), 'error' (warnings that WarningsAsErrors upgrades), or\n"
                          "'none'"),
                 cl::value_desc("warning|error|none"), cl::init("warning"),
                 cl::cat(ToolCategory));

cl::opt<bool> FixOption("fix",
                        cl::desc("Apply the fix-its of the findings (each file rewritten whole)"),
                        cl::cat(ToolCategory));
cl::opt<bool> FixDryRunOption("fix-dry-run",
                              cl::desc("Print the fix-its as a unified diff instead of applying "
                                       "them"),
                              cl::cat(ToolCategory));

cl::opt<std::string> BaselineOption("baseline",
                                    cl::desc("Report only findings that FILE does not list"),
                                    cl::value_desc("FILE"), cl::cat(ToolCategory));
cl::opt<std::string> WriteBaselineOption("write-baseline",
                                         cl::desc("Write the findings to FILE, as a baseline"),
                                         cl::value_desc("FILE"), cl::cat(ToolCategory));

cl::opt<bool> ListChecksOption("list-checks", cl::desc("List the checks that would run, then exit"),
                               cl::cat(ToolCategory));
cl::opt<std::string> ExplainOption("explain",
                                   cl::desc("Print the documentation and option values of CHECK, "
                                            "then exit"),
                                   cl::value_desc("CHECK"), cl::cat(ToolCategory));

cl::extrahelp CommonHelp(clang::tooling::CommonOptionsParser::HelpMessage);
cl::extrahelp ExitCodeHelp(R"(
Exit codes:
  0  no findings (or all of them in the baseline, or none at or above --fail-on)
  1  findings at or above --fail-on
  2  usage or input error (bad option, missing or unreadable file, a file not
     in the compilation database, no or a malformed compilation database,
     invalid configuration, an unknown check or check option, --fix on a
     read-only file or one changed since it was analysed); nothing is written
  3  some translation unit failed to compile (the findings of all other
     translation units are still reported)
)");

const char Overview[] = "tightfit: finds memory the compiler silently wastes.\n";

int inputError(const llvm::Twine &Problem) {
  llvm::errs() << "tightfit: error: " << Problem << "\n";
  return InputError;
}

/// What llvm::cl reported about a bad command line, as one line, e.g.
///   unknown command line argument '--chekcs=x'; did you mean '--checks=x'?
/// Empty when llvm::cl already printed the problem itself, as it does for bad
/// option values.
std::string commandLineProblem(llvm::Error E) {
  std::string Report = llvm::toString(std::move(E));
  llvm::SmallVector<llvm::StringRef> Lines;
  llvm::StringRef(Report).split(Lines, '\n', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  std::string Problem;
  for (llvm::StringRef Line : Lines) {
    Line = Line.trim();
    Line.consume_front("tightfit: ");
    if (Line.empty())
      continue;
    // "Unknown command line argument '-x'.  Try: 'tightfit --help'"
    std::string Sentence = Line.split(".  Try:").first.str();
    Sentence[0] = llvm::toLower(Sentence[0]);
    Problem += Problem.empty() ? Sentence : "; " + Sentence;
  }
  return Problem;
}

/// The value of -p. CommonOptionsParser declares that option itself and
/// keeps it to itself; it is registered under its name once parsing ran.
llvm::StringRef buildPathArgument() {
  llvm::StringMap<cl::Option *> &Options = cl::getRegisteredOptions();
  auto It = Options.find("p");
  if (It == Options.end())
    return "";
  return static_cast<cl::opt<std::string> *>(It->second)->getValue();
}

/// --extra-arg and --extra-arg-before, which CommonOptionsParser declares and
/// applies only to the compilations it loads itself (not when it is given no
/// files), as one adjuster.
clang::tooling::ArgumentsAdjuster extraArgumentsAdjuster() {
  llvm::StringMap<cl::Option *> &Options = cl::getRegisteredOptions();
  auto Values = [&](llvm::StringRef Name) {
    auto It = Options.find(Name);
    if (It == Options.end())
      return std::vector<std::string>();
    auto &List = *static_cast<cl::list<std::string> *>(It->second);
    return std::vector<std::string>(List.begin(), List.end());
  };
  return clang::tooling::combineAdjusters(
      clang::tooling::getInsertArgumentAdjuster(
          Values("extra-arg-before"), clang::tooling::ArgumentInsertPosition::BEGIN),
      clang::tooling::getInsertArgumentAdjuster(Values("extra-arg"),
                                                clang::tooling::ArgumentInsertPosition::END));
}

std::string counted(size_t Count, llvm::StringRef Singular, llvm::StringRef Plural) {
  return fmt::format("{} {}", Count, Count == 1 ? Singular.str() : Plural.str());
}

/// --exclude: a glob matches a path when it matches the whole path or a tail
/// of it that starts after a '/'.
class ExcludedFiles {
public:
  llvm::Error add(llvm::StringRef Glob) {
    llvm::Expected<llvm::GlobPattern> Pattern = llvm::GlobPattern::create(Glob);
    if (!Pattern)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "exclude: invalid glob '" + Glob +
                                         "': " + llvm::toString(Pattern.takeError()));
    Patterns.push_back(std::move(*Pattern));
    return llvm::Error::success();
  }
  bool matches(llvm::StringRef Path) const {
    for (const llvm::GlobPattern &P : Patterns) {
      llvm::StringRef Tail = Path;
      while (true) {
        if (P.match(Tail))
          return true;
        size_t Slash = Tail.find('/');
        if (Slash == llvm::StringRef::npos)
          break;
        Tail = Tail.drop_front(Slash + 1);
      }
    }
    return false;
  }
  bool empty() const { return Patterns.empty(); }

private:
  std::vector<llvm::GlobPattern> Patterns;
};

/// --explain: the check's page and the values its options have here.
int explainCheck(llvm::StringRef Check, clang::tidy::ClangTidyOptionsProvider &Provider) {
  if (!frontend::knownChecks().contains(Check)) {
    std::string Nearest;
    unsigned Best = ~0u;
    for (const auto &Known : frontend::knownChecks()) {
      unsigned Distance = Check.edit_distance(Known.getKey());
      if (Distance < Best) {
        Best = Distance;
        Nearest = Known.getKey().str();
      }
    }
    return inputError("unknown check '" + Check + "'" +
                      (Nearest.empty() ? "" : "; did you mean '" + Nearest + "'?"));
  }
  if (const CheckDoc *Doc = findCheckDoc(Check))
    llvm::outs() << Doc->Markdown;
  else
    llvm::outs() << "# " << Check << "\n\n(no documentation)\n";

  llvm::SmallString<256> Here;
  llvm::sys::fs::current_path(Here);
  llvm::sys::path::append(Here, "file");
  clang::tidy::ClangTidyOptions Options = Provider.getOptions(Here);
  Options.Checks = ("-*," + Check).str();
  clang::tidy::ClangTidyOptions::OptionMap Values =
      clang::tidy::getCheckOptions(Options, /*AllowEnablingAnalyzerAlphaCheckers=*/false);
  std::vector<std::string> Lines;
  std::string Prefix = (Check + ".").str();
  for (const auto &Entry : Values)
    if (Entry.getKey().starts_with(Prefix))
      Lines.push_back(fmt::format("  {} = {}", Entry.getKey().drop_front(Prefix.size()).str(),
                                  Entry.getValue().Value));
  llvm::sort(Lines);
  llvm::outs() << "\n## Option values for sources in the current directory\n\n";
  if (Lines.empty())
    llvm::outs() << "  (none)\n";
  for (const std::string &Line : Lines)
    llvm::outs() << Line << "\n";
  return NoFindings;
}

/// The checks the run may report on: those enabled for some main file.
std::vector<std::string> enabledChecks(clang::tidy::ClangTidyOptionsProvider &Provider,
                                       llvm::ArrayRef<std::string> Files) {
  std::set<std::string> Checks;
  std::set<std::string> Directories;
  for (const std::string &File : Files) {
    if (!Directories.insert(llvm::sys::path::parent_path(File).str()).second)
      continue;
    for (std::string &Check : clang::tidy::getCheckNames(
             Provider.getOptions(File), /*AllowEnablingAnalyzerAlphaCheckers=*/false))
      Checks.insert(std::move(Check));
  }
  return {Checks.begin(), Checks.end()};
}

/// A file that --fix rewrites.
struct FixedFile {
  std::string Path;
  std::string Original, Fixed;
  clang::tooling::Replacements Replacements; ///< Turn Original into Fixed.
};

/// The new content of each file the plan edits, or the first problem:
/// a file that changed since it was analysed, or (when \p Writing) one that
/// may not be rewritten.
llvm::Expected<std::vector<FixedFile>> fixFiles(const findings::FixPlan &Plan,
                                                const findings::RunFiles &Files,
                                                clang::tidy::ClangTidyOptionsProvider &Provider,
                                                bool Writing) {
  std::vector<FixedFile> Result;
  for (const auto &[File, Edits] : Plan.EditsByFile) {
    auto Problem = [&](const llvm::Twine &Why) {
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "not applying fix-its to '" + File + "': " + Why);
    };
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer)
      return Problem(Buffer.getError().message());
    FixedFile Fixed;
    Fixed.Path = File;
    Fixed.Original = (*Buffer)->getBuffer().str();
    auto Read = Files.Reads.find(File);
    if (Read == Files.Reads.end() ||
        Read->second.ContentHashes != std::vector<std::string>{findings::contentHash(Fixed.Original)})
      return Problem("it changed since it was analysed");
    if (Writing)
      if (std::string Why = whyNotRewritable(File); !Why.empty())
        return Problem(Why);
    std::string Style = Provider.getOptions(File).FormatStyle.value_or("none");
    llvm::Expected<clang::tooling::Replacements> Replacements =
        findings::fileReplacements(File, Fixed.Original, Edits, Style);
    if (!Replacements)
      return Problem(llvm::toString(Replacements.takeError()));
    llvm::Expected<std::string> Content =
        clang::tooling::applyAllReplacements(Fixed.Original, *Replacements);
    if (!Content)
      return Problem(llvm::toString(Content.takeError()));
    Fixed.Fixed = std::move(*Content);
    Fixed.Replacements = std::move(*Replacements);
    Result.push_back(std::move(Fixed));
  }
  return Result;
}

/// The directory of \p Path, in the form findings name files.
std::string directoryOf(llvm::StringRef Path) {
  llvm::SmallString<256> Directory(Path);
  llvm::sys::fs::make_absolute(Directory);
  llvm::sys::path::remove_filename(Directory);
  return findings::canonicalPath(Directory);
}

/// Whether \p OS gets colours: as LLVM's --color says, or else when it is a
/// terminal that has them.
bool wantColors(llvm::raw_ostream &OS) {
  llvm::StringMap<cl::Option *> &Options = cl::getRegisteredOptions();
  auto It = Options.find("color");
  if (It != Options.end()) {
    cl::boolOrDefault Setting =
        static_cast<cl::opt<cl::boolOrDefault> *>(It->second)->getValue();
    if (Setting != cl::BOU_UNSET)
      return Setting == cl::BOU_TRUE;
  }
  return OS.has_colors();
}

/// The last line on standard error: what was analysed and found, and how long
/// it took.
std::string summaryLine(const findings::FindingsReport &Report, bool WithBaseline,
                        std::chrono::steady_clock::duration WallTime) {
  findings::ReportTotals Totals = findings::computeTotals(Report);
  std::string PerCheck;
  for (const auto &[Check, Count] : Totals.FindingsByCheck)
    PerCheck += fmt::format("{}{}: {}", PerCheck.empty() ? " (" : ", ", Check, Count);
  if (!PerCheck.empty())
    PerCheck += ")";
  std::string Baselined =
      WithBaseline ? fmt::format(", {} in the baseline", Report.Baselined) : std::string();
  std::string Layout =
      Totals.LayoutSavingBytes
          ? fmt::format("; layout fix-its save {} of {} bytes per instance",
                        Totals.LayoutFixSavingBytes, Totals.LayoutSavingBytes)
          : std::string();
  return fmt::format("tightfit: {}, {} failed, {}{}{}{}; {:.1f}s\n",
                     counted(Report.TranslationUnits, "translation unit", "translation units"),
                     Report.FailedTranslationUnits,
                     counted(Report.Findings.size(), "finding", "findings"), PerCheck, Baselined,
                     Layout, std::chrono::duration<double>(WallTime).count());
}

} // namespace

int main(int argc, const char **argv) {
  llvm::InitLLVM InitLLVM(argc, argv);
  auto StartTime = std::chrono::steady_clock::now();
  cl::SetVersionPrinter(
      [](llvm::raw_ostream &OS) { OS << "tightfit " TIGHTFIT_VERSION " (Clang 19)\n"; });

  // Without compile flags after `--`, CommonOptionsParser would look for a
  // compilation database itself and print a notice when there is none. The
  // database is loaded below instead, so it parses with an empty `--` list.
  bool HasCompileFlags = llvm::is_contained(llvm::ArrayRef(argv, argc), llvm::StringRef("--"));
  std::vector<const char *> Args(argv, argv + argc);
  if (!HasCompileFlags)
    Args.push_back("--");
  int ArgCount = static_cast<int>(Args.size());
  llvm::Expected<clang::tooling::CommonOptionsParser> Parser =
      clang::tooling::CommonOptionsParser::create(ArgCount, Args.data(), ToolCategory,
                                                  cl::ZeroOrMore, Overview);
  if (!Parser) {
    std::string Problem = commandLineProblem(Parser.takeError());
    return Problem.empty() ? InputError : inputError(Problem);
  }
  const std::vector<std::string> &RequestedFiles = Parser->getSourcePathList();

  // --- the command line on its own ------------------------------------------
  static const llvm::StringSet<> Formats = {"text", "json", "sarif", "html"};
  if (!Formats.contains(FormatOption))
    return inputError("unknown --format '" + FormatOption +
                      "'; expected text, json, sarif or html");
  if (FailOnOption != "warning" && FailOnOption != "error" && FailOnOption != "none")
    return inputError("unknown --fail-on '" + FailOnOption +
                      "'; expected warning, error or none");
  if (FixOption && FixDryRunOption)
    return inputError("--fix and --fix-dry-run exclude each other");
  if (AllOption && !RequestedFiles.empty())
    return inputError("--all analyses every file of the compilation database; give files or "
                      "--all, not both");
  if (AllOption && HasCompileFlags)
    return inputError("--all needs a compilation database (-p BUILD_DIR), not flags after --");
  ExcludedFiles Excluded;
  for (const std::string &Glob : ExcludeOption)
    if (llvm::Error E = Excluded.add(Glob))
      return inputError(llvm::toString(std::move(E)));

  frontend::TidySettings Settings;
  if (ChecksOption.getNumOccurrences())
    Settings.Checks = ChecksOption;
  if (ConfigOption.getNumOccurrences())
    Settings.ConfigYaml = ConfigOption;
  if (HeaderFilterOption.getNumOccurrences())
    Settings.HeaderFilter = HeaderFilterOption;
  if (SystemHeadersOption)
    Settings.SystemHeaders = true;
  for (llvm::StringRef Assignment : CheckOptionOption) {
    auto [Name, Value] = Assignment.split('=');
    if (Name.empty() || !Assignment.contains('='))
      return inputError("check-option: expected NAME=VALUE, got '" + Assignment + "'");
    Settings.CheckOptions.emplace_back(Name.trim().str(), Value.trim().str());
  }
  auto OptionsProvider = frontend::createOptionsProvider(Settings);
  if (!OptionsProvider)
    return inputError(llvm::toString(OptionsProvider.takeError()));
  clang::tidy::ClangTidyOptionsProvider &Provider = **OptionsProvider;

  if (!ExplainOption.empty())
    return explainCheck(ExplainOption, Provider);

  if (ListChecksOption) {
    // Like clang-tidy: the checks for the first file, or for the current
    // directory's configuration.
    llvm::SmallString<256> Anchor;
    if (RequestedFiles.empty())
      llvm::sys::path::append(Anchor, ".", "file");
    else
      Anchor = RequestedFiles.front();
    llvm::sys::fs::make_absolute(Anchor);
    if (!Settings.ConfigYaml)
      if (llvm::Error E = frontend::checkConfigFilesParse(llvm::sys::path::parent_path(Anchor)))
        return inputError(llvm::toString(std::move(E)));
    for (const std::string &Check : clang::tidy::getCheckNames(
             Provider.getOptions(Anchor), /*AllowEnablingAnalyzerAlphaCheckers=*/false))
      llvm::outs() << Check << "\n";
    return NoFindings;
  }

  // --- what to analyse, compiled how ----------------------------------------
  llvm::StringRef BuildPath = buildPathArgument();
  if (RequestedFiles.empty() && BuildPath.empty() && !AllOption)
    return inputError("no input files; see 'tightfit --help'");
  if (HasCompileFlags && !BuildPath.empty())
    return inputError("-p and compile flags after -- exclude each other");

  std::unique_ptr<CompilationDatabase> DatabaseOwner;
  const CompilationDatabase *Database = &Parser->getCompilations();
  std::vector<std::string> Files;
  bool WholeProject = true;
  if (HasCompileFlags) {
    Files = RequestedFiles;
  } else {
    if (AllOption && BuildPath.empty())
      return inputError("--all needs a compilation database: -p BUILD_DIR");
    auto Loaded =
        loadCompilationDatabase(BuildPath, RequestedFiles.empty() ? "" : RequestedFiles.front());
    if (!Loaded)
      return inputError(llvm::toString(Loaded.takeError()));
    auto Selected = selectTranslationUnits(*Loaded->Database, RequestedFiles, Loaded->Path);
    if (!Selected)
      return inputError(llvm::toString(Selected.takeError()));
    Files = std::move(*Selected);
    WholeProject = RequestedFiles.empty() ||
                   Files.size() == Loaded->Database->getAllFiles().size();
    auto Adjusting = std::make_unique<clang::tooling::ArgumentsAdjustingCompilations>(
        std::move(Loaded->Database));
    Adjusting->appendArgumentsAdjuster(extraArgumentsAdjuster());
    DatabaseOwner = std::move(Adjusting);
    Database = DatabaseOwner.get();
  }
  ToolCompilations Compilations(*Database, TIGHTFIT_CLANG_RESOURCE_DIR);
  if (llvm::Error E = checkInputsReadable(Compilations, Files))
    return inputError(llvm::toString(std::move(E)));
  if (!Excluded.empty()) {
    size_t Before = Files.size();
    llvm::erase_if(Files, [&](const std::string &File) {
      return Excluded.matches(findings::canonicalPath(File));
    });
    if (Files.empty())
      return inputError(fmt::format("--exclude leaves none of the {} to analyse",
                                    counted(Before, "file", "files")));
    WholeProject = WholeProject && Files.size() == Before;
  }

  // --- the configuration of every translation unit ---------------------------
  {
    std::set<std::string> Directories;
    for (const std::string &File : Files) {
      std::string Directory = llvm::sys::path::parent_path(findings::canonicalPath(File)).str();
      if (!Directories.insert(Directory).second)
        continue;
      if (!Settings.ConfigYaml)
        if (llvm::Error E = frontend::checkConfigFilesParse(Directory))
          return inputError(llvm::toString(std::move(E)));
      llvm::SmallString<256> Anchor(Directory);
      llvm::sys::path::append(Anchor, "file");
      if (llvm::Error E = frontend::checkTightfitOptionNames(Provider.getRawOptions(Anchor)))
        return inputError(llvm::toString(std::move(E)));
    }
  }
  std::vector<std::string> Checks = enabledChecks(Provider, Files);
  if (Checks.empty())
    return inputError("no checks enabled; see 'tightfit --list-checks'");

  std::optional<findings::Baseline> Baseline;
  if (!BaselineOption.empty()) {
    auto Text = llvm::MemoryBuffer::getFile(BaselineOption, /*IsText=*/true);
    if (!Text)
      return inputError("cannot read baseline '" + BaselineOption +
                        "': " + Text.getError().message());
    auto Parsed = findings::parseBaseline((*Text)->getBuffer(), BaselineOption);
    if (!Parsed)
      return inputError(llvm::toString(Parsed.takeError()));
    Baseline = std::move(*Parsed);
  }

  // --- the analysis ------------------------------------------------------------
  AnalysisSettings Run;
  Run.Tidy = Settings;
  Run.Jobs = JobsOption;
  Run.ShowProgress = llvm::sys::Process::StandardErrIsDisplayed();
  Run.ColorErrors = wantColors(llvm::errs());
  AnalysisResult Analysis = analyseTranslationUnits(Compilations, Files, Run);
  Analysis.Files.WholeProject = WholeProject;
  if (!Analysis.ConfigurationProblems.empty()) {
    for (const std::string &Problem : Analysis.ConfigurationProblems)
      inputError(Problem);
    return InputError;
  }

  findings::FindingsReport Report;
  Report.TranslationUnits = Analysis.Units;
  Report.FailedTranslationUnits = Analysis.FailedFiles.size();
  Report.FailedFiles = Analysis.FailedFiles;
  findings::settleFixesAcrossUnits(Analysis.Copies, Analysis.Files);
  Report.Findings = std::move(Analysis.Copies);
  findings::sortAndDeduplicate(Report.Findings);
  if (!Excluded.empty()) {
    llvm::erase_if(Report.Findings,
                   [&](const findings::Finding &F) { return Excluded.matches(F.File); });
    // Files the user excluded are not edited either.
    for (findings::Finding &F : Report.Findings)
      for (const findings::FixEdit &E : F.Fix)
        if (F.FixRefusal.empty() && Excluded.matches(E.File))
          F.FixRefusal = "it edits '" + E.File + "', which --exclude names";
  }

  // --- outputs: first everything that can fail, then the writing --------------
  std::vector<std::pair<std::string, std::string>> Writes; // path, content
  if (!WriteBaselineOption.empty()) {
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    findings::renderBaseline(
        findings::makeBaseline(Report.Findings, directoryOf(WriteBaselineOption)), OS);
    Writes.emplace_back(WriteBaselineOption, std::move(Text));
  }
  if (Baseline)
    Report.Baselined =
        findings::applyBaseline(Report.Findings, *Baseline, directoryOf(BaselineOption));

  findings::FixPlan Plan = findings::planFixes(Report.Findings, Analysis.Files);
  std::string Diff;
  if (FixOption || FixDryRunOption) {
    auto Fixed = fixFiles(Plan, Analysis.Files, Provider, /*Writing=*/FixOption);
    if (!Fixed)
      return inputError(llvm::toString(Fixed.takeError()));
    // Paths below the current directory as git writes them (`git apply`,
    // `patch -p1`), others absolute.
    llvm::SmallString<256> Here;
    llvm::sys::fs::current_path(Here);
    std::string HerePrefix = findings::canonicalPath(Here) + "/";
    for (FixedFile &File : *Fixed) {
      llvm::StringRef Name = File.Path;
      bool Below = Name.consume_front(HerePrefix);
      Diff += findings::unifiedDiff(Below ? ("a/" + Name).str() : File.Path,
                                    Below ? ("b/" + Name).str() : File.Path, File.Original,
                                    File.Replacements);
      if (FixOption)
        Writes.emplace_back(File.Path, std::move(File.Fixed));
    }
  }

  findings::RunInfo Info;
  Info.ToolVersion = TIGHTFIT_VERSION;
  Info.Rules = rulesFor(Checks);
  bool ReportToStdout = OutputOption.empty() && !FixDryRunOption;
  bool TextColors = FormatOption == "text" && ReportToStdout && wantColors(llvm::outs());
  std::string ReportText;
  {
    llvm::raw_string_ostream OS(ReportText);
    if (FormatOption == "json")
      findings::renderJson(Report, OS);
    else if (FormatOption == "sarif")
      findings::renderSarif(Report, Info, OS);
    else if (FormatOption == "html")
      findings::renderHtml(Report, Info, OS);
    else
      findings::renderText(Report.Findings, OS, TextColors);
  }
  if (!OutputOption.empty())
    Writes.emplace_back(OutputOption, std::move(ReportText));

  if (llvm::Error E = writeFilesAtomically(Writes))
    return inputError(llvm::toString(std::move(E)));
  if (FixDryRunOption)
    llvm::outs() << Diff;
  else if (ReportToStdout)
    llvm::outs() << ReportText;
  // The summary closes the output also when both streams go to one place.
  llvm::outs().flush();

  // --- what happened -------------------------------------------------------------
  if (FixOption || FixDryRunOption) {
    for (const findings::Finding &F : Report.Findings)
      if (!F.Fix.empty() && !F.FixRefusal.empty())
        llvm::errs() << fmt::format("tightfit: fix-it of {}:{}:{} not applied: {}\n", F.File,
                                    F.Line, F.Column, F.FixRefusal);
    llvm::errs() << fmt::format(
        "tightfit: {} {} to {}\n", FixOption ? "applied" : "would apply",
        counted(Plan.Findings, "fix-it", "fix-its"),
        counted(Plan.EditsByFile.size(), "file", "files"));
  }
  llvm::errs() << summaryLine(Report, Baseline.has_value(),
                              std::chrono::steady_clock::now() - StartTime);

  if (Report.FailedTranslationUnits)
    return CompileFailed;
  bool Fails = llvm::any_of(Report.Findings, [](const findings::Finding &F) {
    if (FailOnOption == "none")
      return false;
    return FailOnOption == "warning" || F.Level == findings::Severity::Error;
  });
  return Fails ? FindingsReported : NoFindings;
}
