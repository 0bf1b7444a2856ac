//===- StandaloneMain.cpp - tightfit-fuzz without libFuzzer ---------------===//
//
// The entry point of tightfit-fuzz when it is not built with libFuzzer (GCC
// builds, or Clang without libclang-rt-19-dev): runs the fuzz target once on
// each file named on the command line, and on each file of each directory
// named there, so that the regression inputs run in every build. Arguments
// starting with '-' (libFuzzer's options) are ignored.
//
//===----------------------------------------------------------------------===//
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size);

int main(int argc, char **argv) {
  std::vector<std::string> Inputs;
  for (int I = 1; I < argc; ++I) {
    llvm::StringRef Arg = argv[I];
    if (Arg.starts_with("-"))
      continue;
    if (!llvm::sys::fs::is_directory(Arg)) {
      Inputs.push_back(Arg.str());
      continue;
    }
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(Arg, EC), End; It != End && !EC;
         It.increment(EC))
      if (llvm::sys::fs::is_regular_file(It->path()))
        Inputs.push_back(It->path());
  }
  std::sort(Inputs.begin(), Inputs.end());
  for (const std::string &Path : Inputs) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer) {
      llvm::errs() << "tightfit-fuzz: cannot read '" << Path
                   << "': " << Buffer.getError().message() << "\n";
      return 2;
    }
    llvm::errs() << "tightfit-fuzz: running " << Path << "\n";
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>((*Buffer)->getBufferStart()),
                           (*Buffer)->getBufferSize());
  }
  llvm::errs() << "tightfit-fuzz: " << Inputs.size() << " inputs ran without a crash\n";
  return 0;
}
