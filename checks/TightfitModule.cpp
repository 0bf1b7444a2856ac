//===- TightfitModule.cpp - the tightfit clang-tidy module ----------------===//
//
// Registers every tightfit check with clang-tidy's module registry. The same
// object file is linked into the clang-tidy plugin module (loaded with
// `clang-tidy -load`), the compiler plugin and the standalone tool, so the
// three front-ends know the same checks under the same names.
//
//===----------------------------------------------------------------------===//
#include "checks/HeapErasureCheck.h"
#include "checks/PaddedRecordCheck.h"
#include "checks/ViewLocalCopyCheck.h"
#include "checks/ViewParameterCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace tightfit {

class TightfitModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<HeapErasureCheck>("tightfit-heap-erasure");
    Factories.registerCheck<PaddedRecordCheck>("tightfit-padded-record");
    Factories.registerCheck<ViewParameterCheck>("tightfit-view-parameter");
    Factories.registerCheck<ViewLocalCopyCheck>("tightfit-view-local-copy");
  }
};

} // namespace tightfit

static clang::tidy::ClangTidyModuleRegistry::Add<tightfit::TightfitModule>
    TightfitModuleRegistration("tightfit-module",
                               "Checks for memory the compiler silently wastes.");

// Referenced by front-ends that link this object statically, so the linker
// keeps the registration above.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int TightfitModuleAnchorSource = 0;
