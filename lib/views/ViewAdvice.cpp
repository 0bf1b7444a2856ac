//===- ViewAdvice.cpp - what a view parameter saves, in words -------------===//
//
// Counting rules: each call site counts once, whatever the number of
// template instantiations it appears in. A literal, a `const char *`, a
// substr() result (the fix-it turns it into a view of the substring) or an
// iterator-pair vector is a temporary the callee's view makes unnecessary;
// an lvalue passed to a by-value parameter is a copy it makes unnecessary;
// an owner the caller already has, passed by reference or moved, saves
// nothing. Only literals longer than the library's small buffer are counted
// as heap allocations: the length of anything else is not known here.
//
//===----------------------------------------------------------------------===//
#include "lib/views/ViewAdvice.h"
#include "llvm/ADT/StringExtras.h"
#include <fmt/format.h>

namespace tightfit::views {

llvm::StringRef describe(Priority P) {
  switch (P) {
  case Priority::Low:
    return "low";
  case Priority::Medium:
    return "medium";
  case Priority::High:
    return "high";
  }
  return "low";
}

std::optional<Priority> parsePriority(llvm::StringRef Text) {
  std::string L = Text.trim().lower();
  if (L == "low")
    return Priority::Low;
  if (L == "medium")
    return Priority::Medium;
  if (L == "high")
    return Priority::High;
  return std::nullopt;
}

EvidenceTally tallyEvidence(const ViewParameterFacts &Facts) {
  EvidenceTally T;
  T.CallSites = Facts.Sites.size();
  for (const CallSiteEvidence &S : Facts.Sites) {
    switch (S.K) {
    case CallSiteEvidence::Kind::Literal:
      ++T.Built;
      if (Facts.SsoCapacity && S.LiteralLength > *Facts.SsoCapacity)
        T.HeapLiterals.push_back(S.LiteralLength);
      break;
    case CallSiteEvidence::Kind::CharPointer:
    case CallSiteEvidence::Kind::Substring:
    case CallSiteEvidence::Kind::SubRange:
      ++T.Built;
      break;
    case CallSiteEvidence::Kind::Copy:
      ++T.Copied;
      break;
    case CallSiteEvidence::Kind::Nothing:
      break;
    }
  }
  if (!T.HeapLiterals.empty())
    T.Level = Priority::High;
  else if (T.Built + T.Copied > 0)
    T.Level = Priority::Medium;
  return T;
}

static std::string callSites(unsigned N) {
  return fmt::format("{} call site{}", N, N == 1 ? "" : "s");
}

/// `27`, `27 and 40`, `5, 27 and 40`.
static std::string listNumbers(const std::vector<unsigned> &Numbers) {
  std::string Out;
  for (size_t I = 0; I < Numbers.size(); ++I) {
    if (I > 0)
      Out += I + 1 == Numbers.size() ? " and " : ", ";
    Out += std::to_string(Numbers[I]);
  }
  return Out;
}

std::string formatViewParameterMessage(const ViewParameterFacts &Facts, const EvidenceTally &T) {
  std::string Head = fmt::format("parameter '{}' is only read; ", Facts.Parameter);
  if (T.Built + T.Copied == 0)
    return Head + fmt::format("it can be {}", Facts.ViewType);
  std::string Avoided;
  if (T.Built)
    Avoided = "built at " + callSites(T.Built);
  if (T.Copied)
    Avoided += (Avoided.empty() ? "" : " and ") + std::string("copied at ") + callSites(T.Copied);
  std::string Message = Head + fmt::format("taking {} avoids the {} {}", Facts.ViewType,
                                           Facts.OwnerType, Avoided);
  if (!T.HeapLiterals.empty()) {
    size_t N = T.HeapLiterals.size();
    Message += fmt::format(" ({} heap allocation{}: {} of {} chars)", N, N == 1 ? "" : "s",
                           N == 1 ? "a literal" : "literals", listNumbers(T.HeapLiterals));
  }
  return Message;
}

std::string formatCallSiteNote(const ViewParameterFacts &Facts, const CallSiteEvidence &Site) {
  switch (Site.K) {
  case CallSiteEvidence::Kind::Literal: {
    std::string Note = fmt::format("{} built here from a literal of {} char{}", Facts.OwnerType,
                                   Site.LiteralLength, Site.LiteralLength == 1 ? "" : "s");
    if (Facts.SsoCapacity && Site.LiteralLength > *Facts.SsoCapacity)
      Note += fmt::format(" (heap allocation: {} keeps at most {} chars inline)", Facts.Library,
                          *Facts.SsoCapacity);
    return Note;
  }
  case CallSiteEvidence::Kind::CharPointer:
    return fmt::format("{} built here from a 'const char *'", Facts.OwnerType);
  case CallSiteEvidence::Kind::Substring:
    return fmt::format("{} built here by substr()", Facts.OwnerType);
  case CallSiteEvidence::Kind::SubRange:
    return fmt::format("{} built here from an iterator range", Facts.OwnerType);
  case CallSiteEvidence::Kind::Copy:
    return fmt::format("{} copied here", Facts.OwnerType);
  case CallSiteEvidence::Kind::Nothing:
    break;
  }
  return "";
}

std::string formatLocalCopyMessage(llvm::StringRef Copy, llvm::StringRef Source,
                                   bool Substring) {
  if (Substring)
    return fmt::format("'{}' copies part of '{}', which does not change while '{}' is in use; a "
                       "std::string_view avoids the copy",
                       Copy.str(), Source.str(), Copy.str());
  return fmt::format("'{}' is a copy of '{}', which does not change while '{}' is in use; a const "
                     "reference avoids the copy",
                     Copy.str(), Source.str(), Copy.str());
}

static llvm::StringRef kindName(CallSiteEvidence::Kind K) {
  switch (K) {
  case CallSiteEvidence::Kind::Literal:
    return "literal";
  case CallSiteEvidence::Kind::CharPointer:
    return "charPointer";
  case CallSiteEvidence::Kind::Substring:
    return "substr";
  case CallSiteEvidence::Kind::SubRange:
    return "subRange";
  case CallSiteEvidence::Kind::Copy:
    return "copy";
  case CallSiteEvidence::Kind::Nothing:
    break;
  }
  return "none";
}

llvm::json::Object viewParameterDetails(const ViewParameterFacts &Facts, const EvidenceTally &T) {
  llvm::json::Array Sites;
  for (const CallSiteEvidence &S : Facts.Sites) {
    llvm::json::Object O{{"kind", kindName(S.K)}, {"file", S.File},
                         {"line", S.Line},        {"column", S.Column}};
    if (S.K == CallSiteEvidence::Kind::Literal)
      O["literalLength"] = S.LiteralLength;
    Sites.push_back(std::move(O));
  }
  llvm::json::Array Heap;
  for (unsigned L : T.HeapLiterals)
    Heap.push_back(L);
  llvm::json::Object D{{"function", Facts.Function},
                       {"parameter", Facts.Parameter},
                       {"parameterIndex", Facts.Index},
                       {"ownerKind", Facts.IsString ? "string" : "vector"},
                       {"parameterType", Facts.ParameterType},
                       {"viewType", Facts.ViewType},
                       {"byValue", Facts.ByValue},
                       {"priority", describe(T.Level)},
                       {"callSites", T.CallSites},
                       {"temporaries", T.Built},
                       {"copies", T.Copied},
                       {"heapAllocations", static_cast<int64_t>(T.HeapLiterals.size())},
                       {"heapLiteralLengths", std::move(Heap)},
                       {"library", Facts.Library},
                       {"fixIt", Facts.FixIt},
                       {"sites", std::move(Sites)}};
  D["ssoCapacity"] = Facts.SsoCapacity ? llvm::json::Value(*Facts.SsoCapacity) : nullptr;
  if (!Facts.FixIt)
    D["fixWithheld"] = Facts.FixWithheld;
  return D;
}

} // namespace tightfit::views
