//===- TightfitFuzzer.cpp - every tightfit check over generated source ----===//
//
// A libFuzzer target: each input is the text of one C or C++ file, parsed in
// process from memory and analysed by every tightfit check through the
// standalone tool's own entry for one translation unit (tools/cli/
// UnitChecks.h), with a details sink installed, so the checks also build the
// numbers behind their messages. The findings are then turned into the tool's findings model and
// rendered as text and JSON, and their fix-its are applied.
//
// What counts as a bug:
//  - a crash, a hang (libFuzzer's -timeout) or a sanitizer report;
//  - a fix-it that breaks the build: when the input compiles without errors,
//    the file with the run's fix-its applied must compile without errors too.
// Compiler errors in the input are not: they are half of what the fuzzer
// feeds in, and the checks must cope with the partial AST.
//
// An input may start with a line of compile flags, which seed inputs use to
// keep the flags of the test they come from:
//   //@ -std=c++17 --target=i686-linux-gnu
// Only the flags acceptedFlag() lists are honoured (language, standard,
// target, macros, ABI-relevant -f options); everything else on that line is
// ignored, so an input cannot make the compiler write files or load plugins.
// Without that line the input is C++20 for x86_64-linux-gnu.
//
// Inputs may #include real headers (the standard library is what the
// erasure and view checks are about), but only regular files of at most
// 8 MiB outside /dev, /proc and /sys: a fuzzed `#include "/dev/zero"` is an
// error, not a hang.
//
// Built as `tightfit-fuzz` with -fsanitize=fuzzer when the compiler supports
// it; otherwise (and with TIGHTFIT_FUZZ_STANDALONE) with StandaloneMain.cpp,
// which runs the inputs named on its command line once each, for the
// regression tests.
//
//===----------------------------------------------------------------------===//
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "lib/findings/DetailsCollector.h"
#include "lib/findings/Finding.h"
#include "lib/findings/FindingsSink.h"
#include "lib/findings/FixPlan.h"
#include "lib/findings/JsonRenderer.h"
#include "lib/findings/TextRenderer.h"
#include "lib/findings/TidyFindings.h"
#include "tools/cli/UnitChecks.h"
#include "tools/common/TidyOptions.h"
#include "clang/Basic/Stack.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

using clang::tidy::ClangTidyContext;
using clang::tidy::ClangTidyError;

namespace {

constexpr uint64_t MaxIncludedFileSize = 8 << 20;

/// The real file system, minus everything that is not a plain file of a
/// reasonable size or a directory.
class FuzzFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  FuzzFileSystem()
      : ProxyFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>(
            llvm::vfs::createPhysicalFileSystem().release())) {}

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine &Path) override {
    if (forbiddenPath(Path))
      return std::make_error_code(std::errc::permission_denied);
    auto Status = ProxyFileSystem::status(Path);
    if (Status && !allowed(*Status))
      return std::make_error_code(std::errc::permission_denied);
    return Status;
  }

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    // Not opened at all when the path is not a plain file: opening a FIFO
    // blocks.
    auto Status = status(Path);
    if (!Status)
      return Status.getError();
    if (!Status->isRegularFile())
      return std::make_error_code(std::errc::permission_denied);
    return ProxyFileSystem::openFileForRead(Path);
  }

private:
  static bool forbiddenPath(const llvm::Twine &Path) {
    std::string Text = Path.str();
    for (llvm::StringRef Prefix : {"/dev", "/proc", "/sys"})
      if (llvm::StringRef(Text).starts_with(Prefix))
        return true;
    return false;
  }
  static bool allowed(const llvm::vfs::Status &S) {
    return S.isDirectory() || (S.isRegularFile() && S.getSize() <= MaxIncludedFileSize);
  }
};

/// Whether \p Flag may come from an input's `//@` line.
bool acceptedFlag(llvm::StringRef Flag) {
  static const char *const Exact[] = {
      "-xc", "-xc++", "-fms-extensions", "-fms-compatibility", "-fno-exceptions",
      "-fno-rtti", "-fshort-enums", "-fsigned-char", "-funsigned-char",
      "-fno-signed-char", "-stdlib=libc++", "-stdlib=libstdc++", "-fpack-struct=1",
      "-fpack-struct=2", "-fpack-struct=4", "-fpack-struct=8", "-fno-builtin",
      "-fdelayed-template-parsing", "-fno-delayed-template-parsing"};
  for (const char *E : Exact)
    if (Flag == E)
      return true;
  static const char *const Triples[] = {
      "x86_64-linux-gnu", "i686-linux-gnu",     "x86_64-pc-windows-msvc", "i686-pc-windows-msvc",
      "aarch64-linux-gnu", "armv7-linux-gnueabihf", "x86_64-apple-macosx", "wasm32-unknown-unknown"};
  if (Flag.consume_front("--target="))
    return llvm::is_contained(Triples, Flag);
  if (Flag.consume_front("-std="))
    return !Flag.empty() && llvm::all_of(Flag, [](char C) {
      return llvm::isAlnum(C) || C == '+';
    });
  if (Flag.consume_front("-D") || Flag.consume_front("-U")) {
    llvm::StringRef Name = Flag.split('=').first;
    return !Name.empty() && llvm::all_of(Name, [](char C) {
      return llvm::isAlnum(C) || C == '_';
    });
  }
  return false;
}

struct Input {
  std::string Code;
  std::vector<std::string> Flags; ///< Without the file name.
  std::string FileName;
};

Input readInput(llvm::StringRef Data) {
  Input In;
  In.Code = Data.str();
  bool C = false;
  std::vector<std::string> Chosen;
  if (Data.starts_with("//@")) {
    llvm::StringRef Line = Data.split('\n').first.drop_front(3);
    llvm::SmallVector<llvm::StringRef, 8> Words;
    Line.split(Words, ' ', /*MaxSplit=*/16, /*KeepEmpty=*/false);
    for (llvm::StringRef W : Words) {
      W = W.trim();
      if (!acceptedFlag(W))
        continue;
      if (W == "-xc")
        C = true;
      else if (W == "-xc++")
        C = false;
      else
        Chosen.push_back(W.str());
    }
  }
  In.FileName = C ? "/fuzz/input.c" : "/fuzz/input.cpp";
  // As the standalone tool's compile commands (ClangTool adds
  // -fsyntax-only); no "N warnings generated." on standard error for every
  // input.
  In.Flags = {"-fno-caret-diagnostics", "-resource-dir=" TIGHTFIT_CLANG_RESOURCE_DIR};
  bool HasStd = false, HasTarget = false;
  for (const std::string &F : Chosen) {
    HasStd |= llvm::StringRef(F).starts_with("-std=");
    HasTarget |= llvm::StringRef(F).starts_with("--target=");
  }
  if (!HasStd)
    In.Flags.push_back(C ? "-std=c17" : "-std=c++20");
  if (!HasTarget)
    In.Flags.push_back("--target=x86_64-linux-gnu");
  In.Flags.insert(In.Flags.end(), Chosen.begin(), Chosen.end());
  return In;
}

/// A file system with \p In's text as its file, over FuzzFileSystem.
llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> fileSystemFor(const Input &In,
                                                                     llvm::StringRef Code) {
  auto Overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::makeIntrusiveRefCnt<FuzzFileSystem>());
  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  Memory->addFile(In.FileName, 0, llvm::MemoryBuffer::getMemBufferCopy(Code, In.FileName));
  Overlay->pushOverlay(Memory);
  return Overlay;
}

/// The diagnostics of every tightfit check (and of the compiler) over
/// \p Code compiled as \p In says, through the standalone tool's own entry;
/// the checks' details go to \p Details when given.
std::vector<ClangTidyError> checkCode(const Input &In, llvm::StringRef Code,
                                      tightfit::findings::DetailsCollector *Details) {
  tightfit::frontend::TidySettings Settings;
  Settings.ConfigYaml = "{Checks: '-*,tightfit-*'}";
  auto Provider = llvm::cantFail(tightfit::frontend::createOptionsProvider(Settings));
  ClangTidyContext Context(std::move(Provider));
  // "/" exists on every machine: the tool's file system enters the working
  // directory on the real file system too.
  clang::tooling::FixedCompilationDatabase Compilations("/", In.Flags);
  std::optional<tightfit::findings::ScopedDetailsSink> InstallDetails;
  if (Details)
    InstallDetails.emplace(*Details);
  return tightfit::cli::runChecks(Context, Compilations, In.FileName, fileSystemFor(In, Code))
      .first;
}

[[noreturn]] void brokenFix(const Input &In, llvm::StringRef Fixed, llvm::StringRef Error) {
  llvm::errs() << "tightfit-fuzz: the fix-its break a file that compiled: " << Error
               << "\n--- flags:";
  for (const std::string &F : In.Flags)
    llvm::errs() << " " << F;
  llvm::errs() << "\n--- fixed file ---\n" << Fixed << "\n--- end ---\n";
  llvm::errs().flush();
  std::abort();
}

void analyse(const Input &In) {
  clang::noteBottomOfStack();
  tightfit::findings::DetailsCollector Details;
  std::vector<ClangTidyError> Errors = checkCode(In, In.Code, &Details);
  bool Compiled = llvm::none_of(Errors, tightfit::cli::isCompilerError);

  // The tool's own path from diagnostics to reports.
  std::vector<tightfit::findings::Finding> Findings =
      tightfit::findings::findingsFromTidyErrors(Errors, &Details);
  for (tightfit::findings::Finding &F : Findings)
    F.ReportedBy = {0};
  tightfit::findings::RunFiles Files;
  Files.MainFiles = {tightfit::findings::canonicalPath(In.FileName)};
  Files.Reads[Files.MainFiles.front()] = {{0}, {tightfit::findings::contentHash(In.Code)}};
  if (!Compiled)
    Files.FailedUnits = {0};
  tightfit::findings::settleFixesAcrossUnits(Findings, Files);
  tightfit::findings::sortAndDeduplicate(Findings);
  tightfit::findings::FixPlan Plan = tightfit::findings::planFixes(Findings, Files);
  {
    tightfit::findings::FindingsReport Report;
    Report.TranslationUnits = 1;
    Report.FailedTranslationUnits = Compiled ? 0 : 1;
    Report.Findings = Findings;
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    tightfit::findings::renderJson(Report, OS);
    tightfit::findings::renderText(Report.Findings, OS);
  }

  // The fix-its of a file that compiled must leave it compiling.
  auto Edits = Plan.EditsByFile.find(Files.MainFiles.front());
  if (!Compiled || Edits == Plan.EditsByFile.end())
    return;
  auto Replacements =
      tightfit::findings::fileReplacements(In.FileName, In.Code, Edits->second, "none");
  if (!Replacements) {
    llvm::consumeError(Replacements.takeError());
    return; // Refused with a reason: nothing is written.
  }
  auto Fixed = clang::tooling::applyAllReplacements(In.Code, *Replacements);
  if (!Fixed)
    brokenFix(In, "", llvm::toString(Fixed.takeError()));
  for (const ClangTidyError &E : checkCode(In, *Fixed, /*Details=*/nullptr))
    if (tightfit::cli::isCompilerError(E))
      brokenFix(In, *Fixed,
                E.Message.FilePath + ":" + std::to_string(E.Message.FileOffset) + ": " +
                    E.Message.Message);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  analyse(readInput(llvm::StringRef(reinterpret_cast<const char *>(Data), Size)));
  return 0;
}
