//===- HeapErasureAnalysis.h - the heap-erasure verdict -----------*- C++ -*-===//
//
// Turns one place where a type-erasing wrapper is given a value (or copied)
// into what tightfit-heap-erasure says about it: whether to warn, the words
// of the warning and its notes (which captures cost the bytes or break the
// library's condition, and which remedy fits what the code does), and the
// numbers behind it for machine-readable output.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_ERASURE_HEAPERASUREANALYSIS_H
#define TIGHTFIT_LIB_ERASURE_HEAPERASUREANALYSIS_H

#include "lib/erasure/ErasedValue.h"
#include "lib/erasure/SboModel.h"
#include "llvm/Support/JSON.h"
#include <optional>
#include <string>
#include <vector>

namespace tightfit::erasure {

enum class SiteKind {
  Construction, ///< the wrapper is constructed from the value (also emplace, make_any)
  Assignment,   ///< the value is assigned to an existing wrapper
  Copy,         ///< a wrapper that holds the value is copied
};

/// The wrapper and the rules it is judged by.
struct WrapperFacts {
  std::string Name;                 ///< `std::function`, `absl::AnyInvocable`
  std::optional<WrapperKind> Kind;  ///< Standard wrappers only.
  std::optional<LibraryId> Library; ///< Standard wrappers only.
  InPlaceRule Rule;
};

struct ErasureSite {
  SiteKind Kind = SiteKind::Construction;
  WrapperFacts Wrapper;
  ValueDescription Value;
  /// Copy sites: the variable copied.
  std::string CopiedVariable;
  /// Allocations copying the value itself makes on top of the wrapper's own
  /// (a std::function value that holds a heap-stored callable, copied from a
  /// variable).
  unsigned ValueCopyAllocations = 0;
  TargetDescription Target;
  std::string TargetTriple;
};

/// What the code around the site does, for the remedy notes.
struct RemedyFacts {
  /// The value initialises a parameter of a function defined in the
  /// translation unit that only calls it (or tests it): its name and the
  /// function's.
  std::string OnlyCalledParameter;
  std::string OnlyCalledIn;
  /// The check's FunctionRefType option (empty: std::function_ref).
  std::string FunctionRefType;
  /// The verdict std::move_only_function of the same library would give the
  /// value, when the library provides it.
  std::optional<StorageVerdict> MoveOnlyFunction;
  /// std::any sites: the variable, and every type it holds in the
  /// translation unit when that set is known (as written, in order of
  /// appearance).
  std::string AnyVariable;
  std::vector<std::string> AnyHeldTypes;
};

/// Where a note points.
enum class NoteAnchor { Site, Capture, Parameter, Variable };

struct ErasureNote {
  std::string Text;
  NoteAnchor Anchor = NoteAnchor::Site;
  unsigned CaptureIndex = 0; ///< Into ErasureSite::Value.Captures.
};

struct ErasureReport {
  bool ShouldReport = false;
  StorageVerdict Verdict;
  std::string Message;
  std::vector<ErasureNote> Notes;
  /// Remedy keys, in the order of their notes: `function-ref`,
  /// `move-only-function`, `capture-less`, `variant`.
  std::vector<std::string> Remedies;
};

struct ReportOptions {
  /// Also report values stored in place (an audit of every decision).
  bool ReportInPlace = false;
};

/// `lambda (24 bytes, captures 'this', 'name', 'count')`, `'std::string' (32 bytes)`.
std::string describeValueForMessage(const ValueDescription &V);

/// Judges the site and words the warning; ShouldReport is false when the value
/// is stored in place (unless ReportInPlace), or when the verdict is unknown.
ErasureReport analyzeErasureSite(const ErasureSite &Site, const RemedyFacts &Remedies,
                                 const ReportOptions &Options);

/// The numbers behind the report, for machine-readable output.
llvm::json::Object erasureDetails(const ErasureSite &Site, const ErasureReport &Report);

} // namespace tightfit::erasure

#endif
