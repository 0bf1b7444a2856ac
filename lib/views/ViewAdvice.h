//===- ViewAdvice.h - what a view parameter saves, in words ------*- C++ -*-===//
//
// The call-site evidence behind a tightfit-view-parameter warning, as plain
// data: what each call in the translation unit builds or copies only to make
// the call, how many of those allocate, the priority that follows, and the
// words and numbers of the warning and its notes. Free of Clang types so the
// wording and the arithmetic are unit-tested on their own.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_VIEWS_VIEWADVICE_H
#define TIGHTFIT_LIB_VIEWS_VIEWADVICE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"
#include <optional>
#include <string>
#include <vector>

namespace tightfit::views {

/// What one call does to pass the argument that the view would take instead.
struct CallSiteEvidence {
  enum class Kind {
    Literal,     ///< A std::string built from a string literal.
    CharPointer, ///< A std::string built from a `const char *`.
    Substring,   ///< A std::string built by substr() (rewritten to a view of it).
    SubRange,    ///< A std::vector built from an iterator pair.
    Copy,        ///< An owner copied into a by-value parameter.
    Nothing,     ///< The caller's owner is passed on: the view saves nothing here.
  };
  Kind K = Kind::Nothing;
  unsigned LiteralLength = 0; ///< Literal: its length in chars, NUL excluded.
  std::string File;
  unsigned Line = 0, Column = 0;
};

enum class Priority { Low, Medium, High };
llvm::StringRef describe(Priority P);
/// `low`, `medium`, `high` (any case); nullopt for anything else.
std::optional<Priority> parsePriority(llvm::StringRef Text);

/// Everything the warning says about one parameter.
struct ViewParameterFacts {
  std::string Function;  ///< Qualified name.
  std::string Parameter;
  unsigned Index = 0;
  bool IsString = true;
  bool ByValue = false;
  std::string OwnerType;  ///< `std::string`, `std::vector<int>`.
  std::string ParameterType; ///< As written: `const std::string &`.
  std::string ViewType;   ///< `std::string_view`, `std::span<const int>`.
  std::vector<CallSiteEvidence> Sites; ///< One per call in the TU.
  /// Small-buffer capacity of the std::string of the translation unit's
  /// standard library, when known.
  std::optional<unsigned> SsoCapacity;
  std::string Library; ///< `libstdc++`, `libc++`, ... or `unknown`.
  bool FixIt = false;
  std::string FixWithheld; ///< Why there is no fix-it, when there is none.
};

struct EvidenceTally {
  unsigned CallSites = 0;       ///< Calls seen in the translation unit.
  unsigned Built = 0;           ///< Temporaries built only to make the call.
  unsigned Copied = 0;          ///< Copies into a by-value parameter.
  std::vector<unsigned> HeapLiterals; ///< Lengths of literals past the small buffer.
  Priority Level = Priority::Low;
};

/// Counts the evidence: High when a call provably heap-allocates (a literal
/// longer than the small buffer), Medium when calls build or copy an owner,
/// Low when no call in the translation unit does.
EvidenceTally tallyEvidence(const ViewParameterFacts &Facts);

/// `parameter 'key' is only read; taking std::string_view avoids the
/// std::string built at 3 call sites (2 heap allocations: literals of 27 and
/// 40 chars)`.
std::string formatViewParameterMessage(const ViewParameterFacts &Facts, const EvidenceTally &T);
/// The note at one call site; empty for Nothing.
std::string formatCallSiteNote(const ViewParameterFacts &Facts, const CallSiteEvidence &Site);

/// `'t' copies part of 's', which does not change while 't' is in use; a
/// std::string_view avoids the copy` (Substring), or the same for a whole
/// copy and a const reference.
std::string formatLocalCopyMessage(llvm::StringRef Copy, llvm::StringRef Source, bool Substring);

/// The numbers behind the message, for machine-readable output.
llvm::json::Object viewParameterDetails(const ViewParameterFacts &Facts, const EvidenceTally &T);

} // namespace tightfit::views

#endif
