//===- TightfitMain.cpp - the standalone tightfit tool --------------------===//
//
//   tightfit [-p BUILD_DIR] [--checks=GLOB] [--config=YAML]
//            [--header-filter=REGEX] [--format=text|json] [--extra-arg=ARG]
//            FILES... [-- COMPILE FLAGS]
//
// Runs tightfit's checks over source files and prints the findings, as text in
// clang-tidy's format or as a JSON report. The checks are hosted by clang-tidy's
// library (options from .clang-tidy files, CheckOptions, NOLINT comments and
// the header filter behave as in clang-tidy); compile commands come from a
// compilation database (-p, or the nearest compile_commands.json above the
// first file) or from the flags after `--`.
//
// Only findings go to standard output; errors, the compiler errors of sources
// that do not compile and a one-line summary go to standard error.
//
// Exit codes:
//   0  no findings
//   1  findings reported
//   2  usage or input error (bad option, missing file, no compilation
//      database, invalid configuration, a check glob that matches no check)
//   3  some translation unit failed to compile (the findings of all
//      translation units are still reported)
//
//===----------------------------------------------------------------------===//
#include "clang-tidy/ClangTidy.h"
#include "lib/findings/DetailsCollector.h"
#include "lib/findings/JsonRenderer.h"
#include "lib/findings/TextRenderer.h"
#include "lib/findings/TidyFindings.h"
#include "tools/common/TidyOptions.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <fmt/format.h>

using clang::tidy::ClangTidyError;
using clang::tooling::CompilationDatabase;
using clang::tooling::CompileCommand;
namespace cl = llvm::cl;
namespace findings = tightfit::findings;

namespace {

enum ExitCode : int {
  NoFindings = 0,
  FindingsReported = 1,
  InputError = 2,
  CompileFailed = 3,
};

cl::OptionCategory ToolCategory("tightfit options");

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

cl::opt<std::string>
    HeaderFilterOption("header-filter",
                       cl::desc("Regular expression of the headers to report findings in, besides\n"
                                "the main files (default: none, or the configuration's)"),
                       cl::value_desc("REGEX"), cl::cat(ToolCategory));

// A plain string rather than an enumerated option, so that a bad value gets
// this tool's one-line error rather than llvm::cl's.
cl::opt<std::string>
    FormatOption("format",
                 cl::desc("How to print the findings: 'text' (clang-tidy's format, the\n"
                          "default) or 'json' (a JSON report)"),
                 cl::value_desc("text|json"), cl::init("text"), cl::cat(ToolCategory));

cl::opt<bool> ListChecksOption("list-checks", cl::desc("List the checks that would run, then exit"),
                               cl::cat(ToolCategory));

cl::extrahelp CommonHelp(clang::tooling::CommonOptionsParser::HelpMessage);
cl::extrahelp ExitCodeHelp(R"(
Exit codes:
  0  no findings
  1  findings reported
  2  usage or input error (bad option, missing file, no compilation database,
     invalid configuration, a check glob that matches no check)
  3  some translation unit failed to compile (the findings of all translation
     units are still reported)
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

/// The compilation database in the directory -p names (not above it: a
/// build directory that has none is an error), or else the nearest one above
/// \p FirstFile, or a one-line reason why there is none.
llvm::Expected<std::unique_ptr<CompilationDatabase>>
loadCompilationDatabase(llvm::StringRef BuildPath, llvm::StringRef FirstFile) {
  std::string Problem;
  if (!BuildPath.empty()) {
    if (auto Database = CompilationDatabase::loadFromDirectory(BuildPath, Problem))
      return Database;
    llvm::SmallString<256> DatabaseFile(BuildPath);
    llvm::sys::path::append(DatabaseFile, "compile_commands.json");
    if (!llvm::sys::fs::exists(DatabaseFile))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "no compile_commands.json in '" + BuildPath + "'");
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot read '" + DatabaseFile +
                                       "': " + llvm::StringRef(Problem).split('\n').first);
  }
  if (auto Database = CompilationDatabase::autoDetectFromSource(FirstFile, Problem))
    return Database;
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "no compile_commands.json found for '" + FirstFile +
          "' or in its parent directories; pass -p BUILD_DIR, or compile flags after --");
}

/// The compile commands of a database, adjusted for analysis by this tool:
/// - Clang's resource directory is added unless a command names one: the tool
///   is not installed beside clang, so the driver cannot derive where the
///   builtin headers (stddef.h, ...) are from the tool's own path;
/// - -fno-caret-diagnostics stops the compiler from closing each translation
///   unit with "N warnings generated.", which would count warnings the checks
///   raised before NOLINT comments and filters removed them.
class ToolCompilations : public CompilationDatabase {
public:
  explicit ToolCompilations(const CompilationDatabase &Base) : Base(Base) {}

  std::vector<CompileCommand> getCompileCommands(llvm::StringRef File) const override {
    return adjusted(Base.getCompileCommands(File));
  }
  std::vector<std::string> getAllFiles() const override { return Base.getAllFiles(); }
  std::vector<CompileCommand> getAllCompileCommands() const override {
    return adjusted(Base.getAllCompileCommands());
  }

private:
  static std::vector<CompileCommand> adjusted(std::vector<CompileCommand> Commands) {
    for (CompileCommand &Command : Commands) {
      std::vector<std::string> &Args = Command.CommandLine;
      std::vector<std::string> Added = {"-fno-caret-diagnostics"};
      bool NamesResourceDir = llvm::any_of(Args, [](llvm::StringRef Arg) {
        return Arg.starts_with("-resource-dir") || Arg.starts_with("--resource-dir");
      });
      if (!NamesResourceDir)
        Added.push_back("-resource-dir=" TIGHTFIT_CLANG_RESOURCE_DIR);
      // After the compiler's name, before any `--` that ends the options.
      Args.insert(Args.empty() ? Args.end() : Args.begin() + 1, Added.begin(), Added.end());
    }
    return Commands;
  }

  const CompilationDatabase &Base;
};

/// Errors of the compiler itself: the translation unit did not compile.
bool isCompilerError(const ClangTidyError &E) {
  return E.DiagLevel == ClangTidyError::Error && !E.IsWarningAsError &&
         llvm::StringRef(E.DiagnosticName).starts_with("clang-diagnostic-");
}

std::string counted(size_t Count, llvm::StringRef Singular, llvm::StringRef Plural) {
  return fmt::format("{} {}", Count, Count == 1 ? Singular.str() : Plural.str());
}

} // namespace

int main(int argc, const char **argv) {
  llvm::InitLLVM InitLLVM(argc, argv);
  cl::SetVersionPrinter(
      [](llvm::raw_ostream &OS) { OS << "tightfit " TIGHTFIT_VERSION " (Clang 19)\n"; });

  // Without compile flags after `--` and without a compilation database,
  // CommonOptionsParser would print a notice and compile without flags. That
  // is an input error here, so it parses with an empty `--` list, and the
  // database is loaded below.
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
  const std::vector<std::string> &Files = Parser->getSourcePathList();

  if (FormatOption != "text" && FormatOption != "json")
    return inputError("unknown --format '" + FormatOption + "'; expected text or json");

  tightfit::frontend::TidySettings Settings;
  if (ChecksOption.getNumOccurrences())
    Settings.Checks = ChecksOption;
  if (ConfigOption.getNumOccurrences())
    Settings.ConfigYaml = ConfigOption;
  if (HeaderFilterOption.getNumOccurrences())
    Settings.HeaderFilter = HeaderFilterOption;
  auto OptionsProvider = tightfit::frontend::createOptionsProvider(Settings);
  if (!OptionsProvider)
    return inputError(llvm::toString(OptionsProvider.takeError()));
  clang::tidy::ClangTidyContext Context(std::move(*OptionsProvider));

  auto ChecksFor = [&](llvm::StringRef File) {
    return clang::tidy::getCheckNames(Context.getOptionsForFile(File),
                                      /*AllowEnablingAnalyzerAlphaCheckers=*/false);
  };

  if (ListChecksOption) {
    // Like clang-tidy: the checks for the first file, or for the current
    // directory's configuration.
    llvm::SmallString<256> Anchor;
    if (Files.empty())
      llvm::sys::path::append(Anchor, ".", "file");
    else
      Anchor = Files.front();
    llvm::sys::fs::make_absolute(Anchor);
    for (const std::string &Check : ChecksFor(Anchor))
      llvm::outs() << Check << "\n";
    return NoFindings;
  }

  if (Files.empty())
    return inputError("no input files; see 'tightfit --help'");
  for (const std::string &File : Files)
    if (!llvm::sys::fs::is_regular_file(File))
      return inputError("no such file: '" + File + "'");
  if (llvm::all_of(Files, [&](const std::string &File) { return ChecksFor(File).empty(); }))
    return inputError("no checks enabled; see 'tightfit --list-checks'");

  std::unique_ptr<CompilationDatabase> LoadedDatabase;
  const CompilationDatabase *Database = &Parser->getCompilations();
  if (!HasCompileFlags) {
    auto Loaded = loadCompilationDatabase(buildPathArgument(), Files.front());
    if (!Loaded)
      return inputError(llvm::toString(Loaded.takeError()));
    // --extra-arg and --extra-arg-before, as CommonOptionsParser would apply them.
    auto Adjusting =
        std::make_unique<clang::tooling::ArgumentsAdjustingCompilations>(std::move(*Loaded));
    Adjusting->appendArgumentsAdjuster(Parser->getArgumentsAdjuster());
    LoadedDatabase = std::move(Adjusting);
    Database = LoadedDatabase.get();
  }
  ToolCompilations Compilations(*Database);

  // Run the files one at a time to know which of them failed to compile.
  findings::DetailsCollector Details;
  findings::ScopedDetailsSink InstallDetails(Details);
  auto BaseFS =
      llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(llvm::vfs::getRealFileSystem());
  findings::FindingsReport Report;
  std::vector<ClangTidyError> CheckResults;
  for (const std::string &File : Files) {
    std::vector<ClangTidyError> CompilerErrors;
    for (ClangTidyError &Result :
         clang::tidy::runClangTidy(Context, Compilations, File, BaseFS, /*ApplyAnyFix=*/false)) {
      if (isCompilerError(Result))
        CompilerErrors.push_back(std::move(Result));
      else
        CheckResults.push_back(std::move(Result));
    }
    ++Report.TranslationUnits;
    if (!CompilerErrors.empty()) {
      ++Report.FailedTranslationUnits;
      std::vector<findings::Finding> Errors =
          findings::findingsFromTidyErrors(CompilerErrors, /*Details=*/nullptr);
      findings::sortAndDeduplicate(Errors);
      findings::renderText(Errors, llvm::errs());
    }
  }

  Report.Findings = findings::findingsFromTidyErrors(CheckResults, &Details);
  findings::sortAndDeduplicate(Report.Findings);
  if (FormatOption == "json")
    findings::renderJson(Report, llvm::outs());
  else
    findings::renderText(Report.Findings, llvm::outs());
  // The summary closes the output also when both streams go to one place.
  llvm::outs().flush();

  llvm::errs() << fmt::format(
      "tightfit: {}, {} failed, {}\n",
      counted(Report.TranslationUnits, "translation unit", "translation units"),
      Report.FailedTranslationUnits, counted(Report.Findings.size(), "finding", "findings"));
  if (Report.FailedTranslationUnits)
    return CompileFailed;
  return Report.Findings.empty() ? NoFindings : FindingsReported;
}
