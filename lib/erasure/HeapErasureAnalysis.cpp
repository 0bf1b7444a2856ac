//===- HeapErasureAnalysis.cpp - the heap-erasure verdict -----------------===//
//
// The rules of the report:
//   - warn where the wrapper's rule (SboModel) puts the value on the heap;
//     never when the verdict depends on something unknown;
//   - the message names the value, the wrapper, the library and the first
//     failed condition, in this order: size, alignment, traits; a copy names
//     the variable copied;
//   - notes: for a lambda, the captures behind each failed condition (the
//     largest ones until the rest would fit, those that lack a trait);
//     (no size note when all captures cost the same);
//     then at most one remedy for a callable, chosen by what the code does:
//     a parameter that is only called -> a template parameter or a
//     function_ref type; else a std::function whose value std::move_only_function
//     of the same library stores in place -> that; else a lambda with several
//     captures that does not fit -> capture one pointer to a struct instead.
//     A std::any variable whose every value in the translation unit is known
//     -> std::variant of those types (or the one type).
//
//===----------------------------------------------------------------------===//
#include "lib/erasure/HeapErasureAnalysis.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include <algorithm>
#include <numeric>

namespace tightfit::erasure {

namespace {

std::string bytes(uint64_t N) { return std::to_string(N) + (N == 1 ? " byte" : " bytes"); }

std::string quoted(llvm::StringRef S) { return ("'" + S + "'").str(); }

std::string captureName(const CaptureFacts &C) {
  return quoted((C.ByReference ? "&" : "") + C.Name);
}

std::string inLibrary(const WrapperFacts &W) {
  return W.Library ? " in " + libraryDisplayName(*W.Library) : "";
}

std::string consequence(SiteKind Kind, unsigned Allocations) {
  std::string What = Kind == SiteKind::Assignment ? "each assignment" : "each construction";
  if (Allocations == 1)
    return What + " heap-allocates";
  return What + " makes " + std::to_string(Allocations) + " allocations";
}

/// `does not fit std::function's 16-byte in-place buffer in libstdc++`.
std::string reasonClause(const ErasureSite &Site, const StorageVerdict &V) {
  const WrapperFacts &W = Site.Wrapper;
  std::string Lib = inLibrary(W);
  if (V.Failed.empty())
    return "";
  Condition First = V.Failed.front();
  // Too big only because nothing aligned like it fits: say so.
  if (First == Condition::Size && V.ValueCapacity == 0 &&
      llvm::is_contained(V.Failed, Condition::Alignment))
    First = Condition::Alignment;
  switch (First) {
  case Condition::Size:
    if (V.ValueCapacity == 0) // No value of this alignment fits at all.
      return "is aligned to " + bytes(Site.Value.Value.Align) + "; " + W.Name + "'s " +
             std::to_string(V.Tier.BufferBytes) + "-byte in-place buffer" + Lib +
             " has no room for a value aligned like that";
    return "does not fit " + W.Name + "'s " + std::to_string(V.ValueCapacity) +
           "-byte in-place buffer" + Lib;
  case Condition::Alignment:
    return "is aligned to " + bytes(Site.Value.Value.Align) + ", more than " + W.Name +
           "'s in-place buffer allows (" + std::to_string(V.Tier.MaxAlign) + ")" + Lib;
  case Condition::NeverInPlace:
    return "goes into " + W.Name + "'s heap-allocated shared state" + Lib;
  default:
    return "is not " + conditionPhrase(First).str() + ", which " + W.Name +
           "'s in-place buffer requires" + Lib;
  }
}

/// The captures whose bytes make the lambda too big: the largest first, until
/// the others would fit (at most three). None when every capture costs the
/// same: then no capture is to blame more than another.
std::vector<unsigned> costliestCaptures(const ValueDescription &V, uint64_t Capacity) {
  if (llvm::all_of(V.Captures,
                   [&](const CaptureFacts &C) { return C.Bytes == V.Captures.front().Bytes; }))
    return {};
  std::vector<unsigned> Order(V.Captures.size());
  std::iota(Order.begin(), Order.end(), 0u);
  std::stable_sort(Order.begin(), Order.end(), [&](unsigned A, unsigned B) {
    return V.Captures[A].Bytes > V.Captures[B].Bytes;
  });
  std::vector<unsigned> Taken;
  uint64_t Remaining = V.Value.Size;
  for (unsigned I : Order) {
    if (Remaining <= Capacity || Taken.size() == 3 || V.Captures[I].Bytes == 0)
      break;
    Taken.push_back(I);
    Remaining = Remaining > V.Captures[I].Bytes ? Remaining - V.Captures[I].Bytes : 0;
  }
  return Taken;
}

void addCaptureNotes(const ErasureSite &Site, const StorageVerdict &V, ErasureReport &R) {
  const ValueDescription &Val = Site.Value;
  if (Val.Kind != ValueKind::Lambda)
    return;
  for (Condition C : V.Failed) {
    if (C == Condition::Size) {
      for (unsigned I : costliestCaptures(Val, V.ValueCapacity)) {
        const CaptureFacts &Cap = Val.Captures[I];
        R.Notes.push_back({"capture " + captureName(Cap) + " (" + Cap.TypeName + ") takes " +
                               std::to_string(Cap.Bytes) + " of the lambda's " +
                               bytes(Val.Value.Size),
                           NoteAnchor::Capture, I});
      }
      continue;
    }
    unsigned Shown = 0;
    for (unsigned I = 0; I < Val.Captures.size() && Shown < 3; ++I) {
      const CaptureFacts &Cap = Val.Captures[I];
      std::string Text;
      if (C == Condition::Alignment) {
        if (!V.Tier.MaxAlign || Cap.Traits.Align <= V.Tier.MaxAlign || Cap.ByReference)
          continue;
        Text = "capture " + captureName(Cap) + " (" + Cap.TypeName + ") is aligned to " +
               bytes(Cap.Traits.Align);
      } else {
        if (Cap.ByReference || valueHas(Cap.Traits, C) != Tri::No)
          continue;
        Text = "capture " + captureName(Cap) + " (" + Cap.TypeName + ") is not " +
               conditionPhrase(C).str();
      }
      R.Notes.push_back({std::move(Text), NoteAnchor::Capture, I});
      ++Shown;
    }
  }
}

std::string valueNoun(const ValueDescription &V) {
  switch (V.Kind) {
  case ValueKind::Lambda:
    return "the lambda";
  case ValueKind::BindExpression:
    return "the bind expression";
  default:
    return "the callable";
  }
}

std::string joinTypes(const std::vector<std::string> &Types) {
  std::string Out;
  for (size_t I = 0; I < Types.size(); ++I) {
    if (I)
      Out += I + 1 == Types.size() ? " and " : ", ";
    Out += Types[I];
  }
  return Out;
}

void addRemedyNotes(const ErasureSite &Site, const RemedyFacts &F, const StorageVerdict &V,
                    ErasureReport &R) {
  const WrapperFacts &W = Site.Wrapper;
  bool Callable = W.Kind != WrapperKind::Any && W.Kind != WrapperKind::PackagedTask;
  bool Remedied = false;
  if (Callable && !F.OnlyCalledParameter.empty()) {
    std::string Ref =
        F.FunctionRefType.empty() ? "std::function_ref (C++26)" : quoted(F.FunctionRefType);
    R.Notes.push_back({quoted(F.OnlyCalledParameter) + " is only called in " +
                           quoted(F.OnlyCalledIn) + ": a template parameter or " + Ref + " takes " +
                           valueNoun(Site.Value) + " without allocating",
                       NoteAnchor::Parameter});
    R.Remedies.push_back("function-ref");
    Remedied = true;
  }
  if (!Remedied && W.Kind == WrapperKind::Function && F.MoveOnlyFunction &&
      F.MoveOnlyFunction->Where == Storage::InPlace && Site.Kind != SiteKind::Copy) {
    R.Notes.push_back({"std::move_only_function (C++23) stores it in place" + inLibrary(W) + " (" +
                           std::to_string(F.MoveOnlyFunction->ValueCapacity) +
                           "-byte buffer) if the callback is never copied",
                       NoteAnchor::Site});
    R.Remedies.push_back("move-only-function");
    Remedied = true;
  }
  const ValueDescription &Val = Site.Value;
  if (!Remedied && Callable && Val.Kind == ValueKind::Lambda && Val.Captures.size() >= 2 &&
      llvm::is_contained(V.Failed, Condition::Size) &&
      V.ValueCapacity >= Site.Target.PointerBytes) {
    R.Notes.push_back({"capture less: the lambda's " + std::to_string(Val.Captures.size()) +
                           " captures take " + bytes(Val.Value.Size) +
                           "; one pointer to a struct that holds them fits",
                       NoteAnchor::Site});
    R.Remedies.push_back("capture-less");
  }
  if (W.Kind == WrapperKind::Any && !F.AnyHeldTypes.empty() && !F.AnyVariable.empty()) {
    std::string Var = quoted(F.AnyVariable);
    if (F.AnyHeldTypes.size() == 1)
      R.Notes.push_back({Var + " only holds " + F.AnyHeldTypes.front() +
                             " in this translation unit: storing a " + F.AnyHeldTypes.front() +
                             " needs no std::any",
                         NoteAnchor::Variable});
    else
      R.Notes.push_back({Var + " only holds " + joinTypes(F.AnyHeldTypes) +
                             " in this translation unit: std::variant<" +
                             llvm::join(F.AnyHeldTypes, ", ") + "> stores them in place",
                         NoteAnchor::Variable});
    R.Remedies.push_back("variant");
  }
}

} // namespace

std::string describeValueForMessage(const ValueDescription &V) {
  std::string Size = bytes(V.Value.Size);
  switch (V.Kind) {
  case ValueKind::Lambda: {
    if (V.Captures.empty())
      return "lambda (" + Size + ", no captures)";
    std::string Out = "lambda (" + Size + ", captures ";
    size_t Shown = std::min<size_t>(V.Captures.size(), V.Captures.size() > 4 ? 3 : 4);
    for (size_t I = 0; I < Shown; ++I) {
      if (I)
        Out += ", ";
      Out += captureName(V.Captures[I]);
    }
    if (Shown < V.Captures.size())
      Out += " and " + std::to_string(V.Captures.size() - Shown) + " more";
    return Out + ")";
  }
  case ValueKind::BindExpression:
    return "bind expression (" + Size + ")";
  case ValueKind::FunctionPointer:
    return "function pointer (" + Size + ")";
  case ValueKind::MemberPointer:
    return "pointer to member (" + Size + ")";
  default:
    return quoted(V.TypeName) + " (" + Size + ")";
  }
}

ErasureReport analyzeErasureSite(const ErasureSite &Site, const RemedyFacts &Remedies,
                                 const ReportOptions &Options) {
  ErasureReport R;
  R.Verdict = judgeStorage(Site.Wrapper.Rule, Site.Value.Value);
  const StorageVerdict &V = R.Verdict;
  if (Site.Kind == SiteKind::Copy) {
    // A copy allocates when the value it copies is on the heap.
    if (V.Where == Storage::InPlace && Options.ReportInPlace) {
      R.ShouldReport = true;
      R.Message = "copying " + quoted(Site.CopiedVariable) + " allocates nothing: its " +
                  describeValueForMessage(Site.Value) + " fits " + Site.Wrapper.Name + "'s " +
                  std::to_string(V.ValueCapacity) + "-byte in-place buffer" +
                  inLibrary(Site.Wrapper);
      return R;
    }
    if (V.Where != Storage::Heap)
      return R;
    R.ShouldReport = true;
    R.Message = "copying " + quoted(Site.CopiedVariable) + " heap-allocates: its " +
                describeValueForMessage(Site.Value) + " " + reasonClause(Site, V);
    addCaptureNotes(Site, V, R);
    R.Notes.push_back({quoted(Site.CopiedVariable) + " gets its value here", NoteAnchor::Variable});
    return R;
  }
  std::string Value = describeValueForMessage(Site.Value);
  if (V.Where == Storage::InPlace) {
    if (!Options.ReportInPlace)
      return R;
    R.ShouldReport = true;
    R.Message = Value + " fits " + Site.Wrapper.Name + "'s " + std::to_string(V.ValueCapacity) +
                "-byte in-place buffer" + inLibrary(Site.Wrapper);
    unsigned Allocs = V.Allocations + Site.ValueCopyAllocations;
    if (Allocs == 0)
      R.Message += "; no allocation";
    else
      R.Message += "; " + consequence(Site.Kind, Allocs) + " for its shared state";
    return R;
  }
  if (V.Where != Storage::Heap)
    return R; // Never a guess.
  R.ShouldReport = true;
  R.Message = Value + " " + reasonClause(Site, V) + "; " +
              consequence(Site.Kind, V.Allocations + Site.ValueCopyAllocations);
  addCaptureNotes(Site, V, R);
  addRemedyNotes(Site, Remedies, V, R);
  return R;
}

static llvm::json::Value tri(Tri T) {
  if (T == Tri::Unknown)
    return nullptr;
  return T == Tri::Yes;
}

static llvm::json::Object traits(const StoredValue &V) {
  return llvm::json::Object{
      {"size", static_cast<int64_t>(V.Size)},
      {"align", static_cast<int64_t>(V.Align)},
      {"triviallyCopyable", tri(V.TriviallyCopyable)},
      {"nothrowMoveConstructible", tri(V.NothrowMoveConstructible)},
      {"nothrowCopyConstructible", tri(V.NothrowCopyConstructible)},
      {"triviallyCopyConstructible", tri(V.TriviallyCopyConstructible)},
      {"triviallyDestructible", tri(V.TriviallyDestructible)},
  };
}

static llvm::json::Array conditions(llvm::ArrayRef<Condition> Cs) {
  llvm::json::Array A;
  for (Condition C : Cs)
    A.push_back(conditionKey(C).str());
  return A;
}

llvm::json::Object erasureDetails(const ErasureSite &Site, const ErasureReport &Report) {
  const StorageVerdict &V = Report.Verdict;
  llvm::json::Object D;
  D["event"] = Site.Kind == SiteKind::Construction ? "construction"
               : Site.Kind == SiteKind::Assignment ? "assignment"
                                                   : "copy";
  D["wrapper"] = Site.Wrapper.Name;
  if (Site.Wrapper.Library) {
    D["library"] = libraryKey(*Site.Wrapper.Library);
    D["libraryVersion"] = static_cast<int64_t>(Site.Wrapper.Library->Version);
  } else {
    D["library"] = "configured";
  }
  D["target"] = Site.TargetTriple;
  D["pointerBytes"] = static_cast<int64_t>(Site.Target.PointerBytes);
  D["storage"] = V.Where == Storage::InPlace ? "inPlace" : "heap";
  unsigned Allocations = Site.Kind == SiteKind::Copy ? (V.CopyAllocates ? 1u : 0u)
                                                     : V.Allocations + Site.ValueCopyAllocations;
  D["allocations"] = static_cast<int64_t>(Allocations);

  llvm::json::Object Value = traits(Site.Value.Value);
  Value["kind"] = valueKindKey(Site.Value.Kind).str();
  Value["type"] = Site.Value.TypeName;
  D["value"] = std::move(Value);

  llvm::json::Object Buffer{
      {"size", static_cast<int64_t>(V.Tier.BufferBytes)},
      {"align", static_cast<int64_t>(V.Tier.MaxAlign)},
      {"header", static_cast<int64_t>(V.Tier.HeaderBytes)},
      {"capacity", static_cast<int64_t>(V.ValueCapacity)},
      {"node", static_cast<int64_t>(V.NodeBytes)},
  };
  D["buffer"] = V.HasInPlaceStorage ? llvm::json::Value(std::move(Buffer)) : nullptr;
  D["required"] = conditions(V.Tier.Requires);
  D["failed"] = conditions(V.Failed);

  llvm::json::Array Captures;
  for (const CaptureFacts &C : Site.Value.Captures) {
    llvm::json::Object O = traits(C.Traits);
    O["name"] = C.Name;
    O["type"] = C.TypeName;
    O["byReference"] = C.ByReference;
    O["implicit"] = C.Implicit;
    O["bytes"] = static_cast<int64_t>(C.Bytes);
    Captures.push_back(std::move(O));
  }
  D["captures"] = std::move(Captures);
  llvm::json::Array Remedies;
  for (const std::string &K : Report.Remedies)
    Remedies.push_back(K);
  D["remedies"] = std::move(Remedies);
  if (Site.Kind == SiteKind::Copy)
    D["variable"] = Site.CopiedVariable;
  return D;
}

} // namespace tightfit::erasure
