//===- PaddedRecordAnalysis.cpp - the padded-record verdict ---------------===//
//
// Padding is counted in whole bytes that no subobject touches: a byte that
// holds a single bit of a bit-field is used. A base class occupies its data
// size (its own tail padding, when the ABI lets fields reuse it, is padding of
// the derived record: a reorder can fill it); a [[no_unique_address]] member
// likewise occupies its data size; an empty one occupies nothing.
//
// A record is reported when the smallest order found saves at least
// MinSavingBytes and MinSavingPercent of the current size (and, if asked,
// moves it to a smaller malloc chunk or fewer cache lines). Sizes in the
// message are the compiler's (current) and the target rules' (suggested);
// the model was checked to reproduce the compiler before it got here.
//
// The smallest size is searched among the orders the required constraints
// allow (the sides of cache-line-aligned fields: an author who aligns a field
// to a cache line groups the fields after it on that line). Among the orders
// of that size, one that also keeps the preferred constraints (access
// sections, the author's blank-line groups) is suggested when one exists.
//
//===----------------------------------------------------------------------===//
#include "lib/layout/PaddedRecordAnalysis.h"
#include "lib/layout/InstanceEvidence.h"
#include "lib/layout/LayoutRules.h"
#include <algorithm>
#include <fmt/format.h>
#include <tuple>
#include <unordered_map>

namespace tightfit::layout {

namespace {

struct Extent {
  uint64_t Begin, End; // Bytes.
  PaddingHole::AfterKind Kind;
  unsigned Index;
};

std::string bytes(uint64_t N) { return fmt::format("{} byte{}", N, N == 1 ? "" : "s"); }

std::vector<unsigned> fieldOrder(const RecordLayoutModel &Model,
                                 const std::vector<unsigned> &UnitOrder) {
  std::vector<unsigned> Order;
  for (unsigned U : UnitOrder)
    for (unsigned F = 0; F < Model.Fields.size(); ++F)
      if (Model.Fields[F].Unit == U)
        Order.push_back(F);
  return Order;
}

} // namespace

PaddingReport analyzePadding(const RecordLayoutModel &Model,
                             const std::vector<uint64_t> &FieldOffsetBits, uint64_t SizeBits) {
  std::vector<Extent> Extents;
  for (unsigned I = 0; I < Model.Fixed.size(); ++I) {
    const FixedPart &P = Model.Fixed[I];
    if (P.SizeBits)
      Extents.push_back({P.OffsetBits / 8, (P.OffsetBits + P.SizeBits + 7) / 8,
                         PaddingHole::AfterKind::Fixed, I});
  }
  for (unsigned I = 0; I < Model.Fields.size(); ++I) {
    const FieldModel &F = Model.Fields[I];
    if (F.SizeBits)
      Extents.push_back({FieldOffsetBits[I] / 8, (FieldOffsetBits[I] + F.SizeBits + 7) / 8,
                         PaddingHole::AfterKind::Field, I});
  }
  std::stable_sort(Extents.begin(), Extents.end(),
                   [](const Extent &A, const Extent &B) { return A.Begin < B.Begin; });

  PaddingReport R;
  R.SizeBytes = SizeBits / 8;
  uint64_t Reached = 0;
  PaddingHole::AfterKind Kind = PaddingHole::AfterKind::Nothing;
  unsigned Index = 0;
  for (const Extent &E : Extents) {
    if (E.Begin > Reached)
      R.Holes.push_back({Reached, E.Begin - Reached, Kind, Index});
    if (E.End > Reached) {
      Reached = E.End;
      Kind = E.Kind;
      Index = E.Index;
    }
  }
  R.TailBytes = R.SizeBytes > Reached ? R.SizeBytes - Reached : 0;
  R.PaddingBytes = R.TailBytes;
  for (const PaddingHole &H : R.Holes)
    R.PaddingBytes += H.SizeBytes;
  return R;
}

RecordOrderConstraints orderConstraintsFor(const RecordLayoutModel &M,
                                           const std::vector<unsigned> &FieldGroups,
                                           const std::vector<unsigned> &FieldAccessSections,
                                           unsigned LineBytes) {
  size_t N = M.Units.size();
  std::vector<unsigned> FirstField(N, ~0u);
  for (unsigned F = 0; F < M.Fields.size(); ++F)
    FirstField[M.Fields[F].Unit] = std::min(FirstField[M.Fields[F].Unit], F);

  // Required: a cache-line-aligned field is a section of its own; no field
  // crosses it.
  std::vector<unsigned> Barrier(N, 0);
  bool AnyBarrier = false;
  unsigned S = 0;
  for (size_t U = 0; U < N; ++U) {
    bool IsBarrier = M.Units[U].K == UnitSpec::Kind::Field && LineBytes &&
                     M.Units[U].AlignBits >= uint64_t(LineBytes) * 8;
    if (IsBarrier) {
      AnyBarrier = true;
      if (U)
        ++S;
      Barrier[U] = S++;
    } else {
      Barrier[U] = S;
    }
  }
  RecordOrderConstraints C;
  if (AnyBarrier)
    C.Required.Section = Barrier;

  // Access sections combined with the barriers.
  std::vector<unsigned> Sections;
  if (!FieldAccessSections.empty()) {
    unsigned Section = 0;
    for (size_t U = 0; U < N; ++U) {
      unsigned Access = FirstField[U] < FieldAccessSections.size()
                            ? FieldAccessSections[FirstField[U]]
                            : 0;
      if (U && (Access != FieldAccessSections[FirstField[U - 1]] ||
                Barrier[U] != Barrier[U - 1]))
        ++Section;
      Sections.push_back(Section);
    }
  }

  // Groups: a unit whose fields span groups joins them.
  std::vector<unsigned> Blocks;
  bool SeveralGroups = false;
  if (FieldGroups.size() == M.Fields.size()) {
    std::vector<unsigned> Group = FieldGroups;
    for (size_t F = 1; F < M.Fields.size(); ++F)
      if (M.Fields[F].Unit == M.Fields[F - 1].Unit && Group[F] != Group[F - 1]) {
        unsigned From = Group[F], To = Group[F - 1];
        for (unsigned &G : Group)
          if (G == From)
            G = To;
      }
    for (size_t U = 0; U < N; ++U)
      Blocks.push_back(Group[FirstField[U]]);
    for (size_t U = 1; U < N; ++U)
      SeveralGroups |= Blocks[U] != Blocks[0];
  }
  if (SeveralGroups)
    C.Groups.Block = Blocks;

  if (!Sections.empty()) {
    OrderConstraints Both;
    Both.Section = Sections;
    if (SeveralGroups) {
      Both.Block = Blocks;
      C.Preferred.push_back(Both);
      Both.Block.clear();
    }
    C.Preferred.push_back(Both);
  }
  if (SeveralGroups) {
    OrderConstraints G = C.Required;
    G.Block = Blocks;
    C.Preferred.push_back(G);
  }
  return C;
}

PaddedRecordVerdict analyzePaddedRecord(const RecordLayoutModel &Model,
                                        const PaddedRecordOptions &Options) {
  PaddedRecordVerdict V;
  Placement Now = simulate(Model, declarationOrder(Model));
  V.Current = analyzePadding(Model, Now.FieldOffsetBits, Model.SizeBits);
  V.SizeBytes = Model.SizeBits / 8;
  V.Best = optimizeFieldOrder(Model, Options.Search);
  V.OptimalBytes = V.Best.SizeBits / 8;
  V.SavingBytes = V.SizeBytes > V.OptimalBytes ? V.SizeBytes - V.OptimalBytes : 0;
  V.SavingPercent =
      V.SizeBytes ? static_cast<unsigned>((V.SavingBytes * 100 + V.SizeBytes / 2) / V.SizeBytes)
                  : 0;
  V.ShouldReport = V.SavingBytes > 0 && V.SavingBytes >= Options.MinSavingBytes &&
                   V.SavingBytes * 100 >= uint64_t(Options.MinSavingPercent) * V.SizeBytes;
  V.CacheLineBytes = Options.CacheLineBytes;
  V.CacheLines = cacheLinesSpanned(V.SizeBytes, Options.CacheLineBytes);
  V.SuggestedCacheLines = cacheLinesSpanned(V.OptimalBytes, Options.CacheLineBytes);
  V.MallocChunk = mallocChunkBytes(V.SizeBytes, Options.PointerBytes);
  V.SuggestedMallocChunk = mallocChunkBytes(V.OptimalBytes, Options.PointerBytes);
  if (Options.RequireSizeClassChange || Options.RequireCacheLineChange) {
    bool Crosses = (Options.RequireSizeClassChange && V.SuggestedMallocChunk < V.MallocChunk) ||
                   (Options.RequireCacheLineChange && V.SuggestedCacheLines < V.CacheLines);
    V.ShouldReport = V.ShouldReport && Crosses;
  }
  if (V.ShouldReport && V.Best.Proven) {
    for (size_t I = 0; I < Options.Preferred.size(); ++I) {
      OptimizerOptions O = Options.Search;
      O.Constraints = Options.Preferred[I];
      O.GoalSizeBits = V.Best.SizeBits;
      OptimizedOrder R = optimizeFieldOrder(Model, O);
      if (R.Proven && R.SizeBits == V.Best.SizeBits) {
        V.Best = std::move(R);
        V.PreferenceKept = static_cast<int>(I);
        break;
      }
    }
  }
  V.SuggestedFieldOrder = fieldOrder(Model, V.Best.UnitOrder);
  return V;
}

std::string formatPaddedRecordMessage(const RecordLayoutModel &Model,
                                      const PaddedRecordVerdict &V) {
  std::string Order;
  for (unsigned F : V.SuggestedFieldOrder) {
    if (!Order.empty())
      Order += ", ";
    Order += Model.Fields[F].DisplayName;
  }
  return fmt::format("'{}' is {} with {} of padding; ordering fields as {{{}}} makes it {} "
                     "(saves {}, {}%)",
                     Model.Name, bytes(V.SizeBytes), bytes(V.Current.PaddingBytes), Order,
                     bytes(V.OptimalBytes), bytes(V.SavingBytes), V.SavingPercent);
}

std::string formatHoleNote(const RecordLayoutModel &Model, const PaddingHole &Hole) {
  switch (Hole.After) {
  case PaddingHole::AfterKind::Field:
    return fmt::format("{} of padding after '{}'", bytes(Hole.SizeBytes),
                       Model.Fields[Hole.AfterIndex].DisplayName);
  case PaddingHole::AfterKind::Fixed:
    return fmt::format("{} of padding after the {}", bytes(Hole.SizeBytes),
                       Model.Fixed[Hole.AfterIndex].DisplayName);
  case PaddingHole::AfterKind::Nothing:
    break;
  }
  return fmt::format("{} of padding at offset {}", bytes(Hole.SizeBytes), Hole.OffsetBytes);
}

std::string formatTailNote(uint64_t TailBytes) {
  return fmt::format("{} of tail padding", bytes(TailBytes));
}

std::string formatUnprovenNote() {
  return "the search for the smallest order stopped at its budget; a smaller order may exist";
}

std::string formatCacheLineNote(const PaddedRecordVerdict &V, unsigned LineBytes) {
  if (V.CacheLines == V.SuggestedCacheLines)
    return "";
  return fmt::format("each instance spans {} cache line{} of {} bytes; in the suggested order, {}",
                     V.CacheLines, V.CacheLines == 1 ? "" : "s", LineBytes,
                     V.SuggestedCacheLines);
}

std::string formatMallocChunkNote(const PaddedRecordVerdict &V) {
  if (V.MallocChunk == V.SuggestedMallocChunk)
    return "";
  return fmt::format("a heap allocation of one takes a {}-byte malloc chunk; in the suggested "
                     "order, {}",
                     V.MallocChunk, V.SuggestedMallocChunk);
}

namespace {

/// An exact search over several models of one record at once (the primary
/// target's and others'): the order with the smallest primary size and, among
/// those, the smallest sum of the other sizes. Units are interchangeable only
/// if they are in every model; sections are honoured, blocks are not.
class JointSearch {
public:
  JointSearch(std::vector<const RecordLayoutModel *> Models, const OptimizerOptions &Options)
      : Models(std::move(Models)), Budget(Options.StateBudget) {
    const RecordLayoutModel &P = *this->Models.front();
    for (const RecordLayoutModel *M : this->Models)
      Rules.emplace_back(*M);
    std::vector<unsigned> Section(P.Units.size(), 0);
    if (Options.Constraints.Section.size() == P.Units.size())
      Section = Options.Constraints.Section;
    for (unsigned U = 0; U < P.Units.size(); ++U) {
      if (P.Units[U].K == UnitSpec::Kind::FlexibleArray) {
        Flexible.push_back(U);
        continue;
      }
      unsigned C = 0;
      for (; C < Classes.size(); ++C) {
        unsigned V = Classes[C].front();
        bool Same = Section[V] == Section[U];
        for (const RecordLayoutModel *M : this->Models)
          Same = Same && M->Units[V] == M->Units[U];
        if (Same)
          break;
      }
      if (C == Classes.size()) {
        Classes.emplace_back();
        ClassSection.push_back(Section[U]);
      }
      Classes[C].push_back(U);
    }
    long double Combos = 1;
    for (const auto &C : Classes) {
      Stride.push_back(static_cast<uint64_t>(Combos));
      Combos *= C.size() + 1;
    }
    Encodable = Combos < static_cast<long double>(1ULL << 62);
  }

  /// The best order, or empty when the search exceeds its budget.
  std::vector<unsigned> run() {
    if (!Encodable)
      return {};
    std::vector<unsigned> Counts(Classes.size(), 0);
    std::vector<LayoutState> States;
    for (const LayoutRules &R : Rules)
      States.push_back(R.initial());
    try {
      Value Target = best(Counts, 0, States);
      std::vector<unsigned> Order;
      uint64_t Placed = 0;
      while (Order.size() + Flexible.size() < Models.front()->Units.size()) {
        int Pick = -1;
        for (unsigned C : allowed(Counts))
          if (Pick < 0 || Classes[C][Counts[C]] < Classes[Pick][Counts[Pick]]) {
            std::vector<LayoutState> Next = place(States, Classes[C][Counts[C]]);
            ++Counts[C];
            if (best(Counts, Placed + Stride[C], Next) == Target)
              Pick = static_cast<int>(C);
            --Counts[C];
          }
        if (Pick < 0)
          return {};
        unsigned U = Classes[Pick][Counts[Pick]];
        States = place(States, U);
        ++Counts[Pick];
        Placed += Stride[Pick];
        Order.push_back(U);
      }
      Order.insert(Order.end(), Flexible.begin(), Flexible.end());
      return Order;
    } catch (const Exhausted &) {
      return {};
    }
  }

private:
  using Value = std::pair<uint64_t, uint64_t>; // Primary size, sum of the others.
  struct Exhausted {};
  struct KeyHash {
    size_t operator()(const std::pair<uint64_t, std::vector<LayoutState>> &K) const {
      size_t H = std::hash<uint64_t>()(K.first);
      for (const LayoutState &S : K.second)
        H = H * 0x100000001b3ULL ^ S.hash();
      return H;
    }
  };

  std::vector<unsigned> allowed(const std::vector<unsigned> &Counts) const {
    std::vector<unsigned> Out;
    unsigned Lowest = ~0u;
    for (unsigned C = 0; C < Classes.size(); ++C)
      if (Counts[C] < Classes[C].size())
        Lowest = std::min(Lowest, ClassSection[C]);
    for (unsigned C = 0; C < Classes.size(); ++C)
      if (Counts[C] < Classes[C].size() && ClassSection[C] == Lowest)
        Out.push_back(C);
    return Out;
  }

  std::vector<LayoutState> place(const std::vector<LayoutState> &States, unsigned U) const {
    std::vector<LayoutState> Next;
    for (size_t M = 0; M < Models.size(); ++M)
      Next.push_back(Rules[M].place(States[M], Models[M]->Units[U]));
    return Next;
  }

  Value best(std::vector<unsigned> &Counts, uint64_t Placed, const std::vector<LayoutState> &S) {
    auto Key = std::make_pair(Placed, S);
    auto It = Memo.find(Key);
    if (It != Memo.end())
      return It->second;
    std::vector<unsigned> Next = allowed(Counts);
    Value Result{UINT64_MAX, UINT64_MAX};
    if (Next.empty()) {
      Result = {0, 0};
      for (size_t M = 0; M < Models.size(); ++M) {
        LayoutState End = S[M];
        for (unsigned U : Flexible)
          End = Rules[M].place(End, Models[M]->Units[U]);
        (M == 0 ? Result.first : Result.second) += Rules[M].finish(End);
      }
    }
    for (unsigned C : Next) {
      std::vector<LayoutState> Child = place(S, Classes[C][Counts[C]]);
      ++Counts[C];
      Result = std::min(Result, best(Counts, Placed + Stride[C], Child));
      --Counts[C];
    }
    if (Memo.size() >= Budget)
      throw Exhausted();
    Memo.emplace(std::move(Key), Result);
    return Result;
  }

  std::vector<const RecordLayoutModel *> Models;
  std::vector<LayoutRules> Rules;
  size_t Budget;
  std::vector<std::vector<unsigned>> Classes;
  std::vector<unsigned> ClassSection, Flexible;
  std::vector<uint64_t> Stride;
  bool Encodable = true;
  std::unordered_map<std::pair<uint64_t, std::vector<LayoutState>>, Value, KeyHash> Memo;
};

} // namespace

std::vector<TargetVerdict> judgeOnTargets(const RecordLayoutModel &Primary,
                                          PaddedRecordVerdict &V,
                                          const std::vector<OtherTargetModel> &Others,
                                          const OptimizerOptions &Search,
                                          const OrderConstraints &Keep) {
  struct Judged {
    const OtherTargetModel *Other;
    uint64_t Declared = 0, Optimal = 0;
    std::vector<unsigned> Best;
  };
  std::vector<Judged> Usable;
  for (const OtherTargetModel &O : Others) {
    if (!O.Model || O.Model->Units.size() != Primary.Units.size())
      continue;
    Judged J;
    J.Other = &O;
    J.Declared = simulate(*O.Model, declarationOrder(*O.Model)).SizeBits;
    OptimizedOrder R = optimizeFieldOrder(*O.Model, Search);
    J.Optimal = R.SizeBits;
    J.Best = R.UnitOrder;
    Usable.push_back(std::move(J));
  }
  // Score of an order: targets where it is the smallest, then targets where
  // it is no larger than now, then the fewest moved fields.
  auto Score = [&](const std::vector<unsigned> &Order) {
    int Smallest = 0, NoWorse = 0;
    for (const Judged &J : Usable) {
      uint64_t Size = simulate(*J.Other->Model, Order).SizeBits;
      Smallest += Size == J.Optimal;
      NoWorse += Size <= J.Declared;
    }
    return std::make_tuple(Smallest, NoWorse, -static_cast<int>(countMovedFields(Primary, Order)));
  };
  std::vector<unsigned> Chosen = V.Best.UnitOrder;
  auto ChosenScore = Score(Chosen);
  // The exact joint search first; each target's own best order as well.
  std::vector<std::vector<unsigned>> Candidates;
  if (std::get<0>(ChosenScore) < static_cast<int>(Usable.size()) && V.Best.Proven) {
    std::vector<const RecordLayoutModel *> Models{&Primary};
    for (const Judged &J : Usable)
      Models.push_back(&*J.Other->Model);
    OptimizerOptions JointOptions = Search;
    JointOptions.Constraints = Keep;
    std::vector<unsigned> Joint = JointSearch(Models, JointOptions).run();
    if (!Joint.empty())
      Candidates.push_back(std::move(Joint));
  }
  for (const Judged &J : Usable)
    Candidates.push_back(J.Best);
  for (const std::vector<unsigned> &Candidate : Candidates) {
    if (simulate(Primary, Candidate).SizeBits != V.Best.SizeBits ||
        !satisfies(Primary, Keep, Candidate))
      continue;
    auto S = Score(Candidate);
    if (S > ChosenScore) {
      Chosen = Candidate;
      ChosenScore = S;
    }
  }
  if (Chosen != V.Best.UnitOrder) {
    V.Best.UnitOrder = Chosen;
    V.Best.MovedFields = countMovedFields(Primary, Chosen);
    V.SuggestedFieldOrder = fieldOrder(Primary, Chosen);
    V.PreferenceKept = -1;
  }
  std::vector<TargetVerdict> Out;
  for (const OtherTargetModel &O : Others) {
    TargetVerdict T;
    T.Target = O.Target;
    auto It = std::find_if(Usable.begin(), Usable.end(),
                           [&](const Judged &J) { return J.Other == &O; });
    if (It == Usable.end()) {
      T.Reason = O.Model ? "its fields group differently there" : O.Reason;
      Out.push_back(std::move(T));
      continue;
    }
    T.Judged = true;
    T.SizeBytes = It->Declared / 8;
    T.OptimalBytes = It->Optimal / 8;
    T.SuggestedBytes = simulate(*O.Model, V.Best.UnitOrder).SizeBits / 8;
    Out.push_back(std::move(T));
  }
  return Out;
}

std::string formatTargetNote(const TargetVerdict &T) {
  if (!T.Judged)
    return fmt::format("on {}: not judged ({})", T.Target, T.Reason);
  if (T.SuggestedBytes > T.SizeBytes)
    return fmt::format("on {}: {} -> {} (worse there)", T.Target, bytes(T.SizeBytes),
                       bytes(T.SuggestedBytes));
  if (T.SuggestedBytes == T.SizeBytes)
    return fmt::format("on {}: {} either way (no saving there)", T.Target, bytes(T.SizeBytes));
  std::string Where = T.SuggestedBytes == T.OptimalBytes
                          ? std::string("the smallest there")
                          : fmt::format("{} is possible there", bytes(T.OptimalBytes));
  return fmt::format("on {}: {} -> {} (saves {}, {})", T.Target, bytes(T.SizeBytes),
                     bytes(T.SuggestedBytes), bytes(T.SizeBytes - T.SuggestedBytes), Where);
}

llvm::json::Object paddedRecordDetails(const RecordLayoutModel &Model,
                                       const PaddedRecordVerdict &V) {
  llvm::json::Array Fields;
  for (const FieldModel &F : Model.Fields) {
    Fields.push_back(llvm::json::Object{
        {"name", F.Name},
        {"displayName", F.DisplayName},
        {"offsetBits", F.OffsetBits},
        {"sizeBits", F.SizeBits},
        {"bitField", F.IsBitField},
        {"decl", llvm::json::Object{{"file", F.Decl.File},
                                    {"begin", F.Decl.Begin},
                                    {"end", F.Decl.End},
                                    {"line", F.Decl.Line},
                                    {"column", F.Decl.Column},
                                    {"shared", F.Decl.SharedDeclaration},
                                    {"macro", F.Decl.InMacro}}},
    });
  }
  llvm::json::Array Order, OrderNames, Holes;
  for (unsigned F : V.SuggestedFieldOrder) {
    Order.push_back(F);
    OrderNames.push_back(Model.Fields[F].DisplayName);
  }
  for (const PaddingHole &H : V.Current.Holes) {
    llvm::json::Value After = nullptr;
    if (H.After == PaddingHole::AfterKind::Field)
      After = Model.Fields[H.AfterIndex].DisplayName;
    else if (H.After == PaddingHole::AfterKind::Fixed)
      After = Model.Fixed[H.AfterIndex].DisplayName;
    Holes.push_back(llvm::json::Object{
        {"offset", H.OffsetBytes}, {"size", H.SizeBytes}, {"after", std::move(After)}});
  }
  llvm::json::Array SuggestedOffsets;
  for (uint64_t Bits : simulate(Model, V.Best.UnitOrder).FieldOffsetBits)
    SuggestedOffsets.push_back(Bits);
  return llvm::json::Object{
      {"suggestedOffsetBits", std::move(SuggestedOffsets)},
      {"cacheLines", llvm::json::Object{{"lineBytes", V.CacheLineBytes},
                                        {"current", V.CacheLines},
                                        {"suggested", V.SuggestedCacheLines}}},
      {"mallocChunk", llvm::json::Object{{"model", "glibc"},
                                         {"current", V.MallocChunk},
                                         {"suggested", V.SuggestedMallocChunk}}},
      {"record", Model.Name},
      {"tagKind", Model.TagKind},
      {"target", Model.Target},
      {"abi", Model.Abi == LayoutAbi::Microsoft ? "microsoft" : "itanium"},
      {"size", V.SizeBytes},
      {"align", Model.AlignBits / 8},
      {"padding", V.Current.PaddingBytes},
      {"tailPadding", V.Current.TailBytes},
      {"optimalSize", V.OptimalBytes},
      {"saving", V.SavingBytes},
      {"savingPercent", V.SavingPercent},
      {"proven", V.Best.Proven},
      {"movedFields", V.Best.MovedFields},
      {"fields", std::move(Fields)},
      {"suggestedOrder", std::move(Order)},
      {"suggestedOrderNames", std::move(OrderNames)},
      {"holes", std::move(Holes)},
  };
}

} // namespace tightfit::layout
