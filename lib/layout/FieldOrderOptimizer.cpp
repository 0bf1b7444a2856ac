//===- FieldOrderOptimizer.cpp - the smallest field order -----------------===//
//
// Why not sort by decreasing alignment? Because that is only optimal when
// every unit's size is a multiple of its alignment and nothing overlaps. Real
// records break that: an `alignas(16) char` leaves 15 bytes a small field
// could fill; a bit-field run shares its last byte with nothing but can follow
// a `char` inside the same storage unit; a non-POD base or a
// [[no_unique_address]] member offers its tail padding to whatever comes next;
// the Microsoft ABI packs bit-fields only with neighbours of the same type
// size. So tightfit searches, and lets the target's rules (LayoutRules) judge
// every candidate.
//
// The search:
//   1. Units with equal UnitSpec are interchangeable, so they are grouped into
//      classes and an order is a sequence of class labels. A search node is
//      (how many units of each class are placed, LayoutState); the units of a
//      class are always taken in declaration order.
//   2. Phase 1 finds the optimum S* by branch and bound. The best of the
//      declaration order and the heuristic orders below that satisfy the
//      constraints is an upper bound; sizeLowerBound is a lower bound, and
//      when the two meet there is nothing to search. Otherwise a depth-first
//      search memoised on the node asks "can this node still end at or
//      below L?" for L one rounding step below the best size found so far;
//      each yes comes with an order of some size <= L, the next L is one step
//      below that, and the first no proves the best so far optimal (sizes are
//      multiples of the rounding alignment). A node is cut without memo
//      entry when even its lower bound -- the first free bit plus the data of
//      every unit left, rounded like sizeLowerBound -- exceeds L. Each
//      question starts a fresh memo, and every memo holds only nodes the
//      exhaustive search would visit, so a record the exhaustive search
//      solves within the budget is solved here too, with the same S*.
//      (OptimizerOptions::Exhaustive keeps the plain dynamic programme that
//      computes the smallest final size of every node, as a reference.)
//   3. Phase 2 picks, among the orders that reach S*, one that keeps the
//      largest weight of units in their declaration order (a longest
//      increasing subsequence, weighted by fields per unit): the fewest fields
//      move, and the author's grouping survives where the optimum allows. It
//      is the same memoised search with the last kept unit added to the node,
//      pruned to nodes that can still end at S*. Here a unit of a class may
//      be taken out of declaration order: a kept unit is the first of its
//      class declared after the last kept one, and the units that move fill
//      the remaining places of their class. Among equally good steps the
//      reconstruction keeps the earliest-declared unit it can; finally units
//      of one class return to declaration order where that moves no more
//      fields, so the suggestion is deterministic and close to the source.
//   4. A flexible array member is not searched: it stays last.
//   5. Constraints (OptimizerOptions::Constraints) restrict which class may
//      come next: only classes of the lowest section with units left, and,
//      while a block is started but not finished, only classes of that block.
//      Classes are split by section and block, so the units of a class stay
//      interchangeable; the gate depends only on the counts already in the
//      node, so memoisation stays exact.
//   6. Results are cached per process, keyed by everything they depend on
//      (the units, the fixed prefix, the rounding, the fields per unit and
//      the options), never by address: a record of a header recurs in every
//      TU that includes it, and the CLI analyses many TUs in one process, on
//      several threads. Only records of OptimizerCacheMinUnits units or more
//      are cached; smaller ones cost less to search than to key.
// Both phases stop when the memo outgrows OptimizerOptions::StateBudget.
// Without a phase-1 result the optimizer falls back to heuristic orders
// (declaration order, stable sorts by alignment and size, greedy fit) and
// returns the best of them with Proven = false; without a phase-2 result it
// takes, step by step, the earliest-declared unit that keeps S* reachable.
//
//===----------------------------------------------------------------------===//
#include "lib/layout/FieldOrderOptimizer.h"
#include "lib/layout/LayoutRules.h"
#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>
#include <set>
#include <string>
#include <unordered_map>

namespace tightfit::layout {

namespace {

constexpr uint64_t Unreachable = std::numeric_limits<uint64_t>::max();

struct NodeKey {
  uint64_t Placed; // Mixed-radix count of placed units per class.
  LayoutState State;
  unsigned LastKept; // Phase 2 only: unit index + 1 of the last kept unit.
  bool operator==(const NodeKey &O) const {
    return Placed == O.Placed && State == O.State && LastKept == O.LastKept;
  }
};

struct NodeKeyHash {
  size_t operator()(const NodeKey &K) const {
    return K.State.hash() ^ (std::hash<uint64_t>()(K.Placed) * 0x100000001b3ULL) ^
           (std::hash<unsigned>()(K.LastKept) << 17);
  }
};

struct BudgetExceeded {};

uint64_t alignUp(uint64_t Value, uint64_t Align) {
  return Align <= 1 ? Value : (Value + Align - 1) / Align * Align;
}

/// The bits \p U adds at least to the first free bit of any layout state,
/// wherever it is placed: its data (its whole size on Microsoft, which never
/// reuses tail padding), or the widths of its bit-fields. Empty overlapping
/// members and flexible arrays count nothing.
uint64_t leastDataBits(const RecordLayoutModel &Model, const UnitSpec &U) {
  uint64_t Bits = 0;
  if (U.K == UnitSpec::Kind::Field && !U.OverlappingEmpty)
    Bits += Model.Abi == LayoutAbi::Microsoft ? U.SizeBits : U.DataSizeBits;
  for (const BitFieldSpec &B : U.BitFields)
    Bits += B.WidthBits;
  return Bits;
}

/// The smallest sizeof a record can end with, given \p FreeBits, the first
/// bit still free, \p ExtentBits, the extent already reached, and the least
/// data \p RestBits still to come: every final size is a whole number of
/// bytes, plus any Microsoft vfptr, rounded up to the record's alignment.
uint64_t finalSizeBound(const RecordLayoutModel &Model, uint64_t FreeBits, uint64_t ExtentBits,
                        uint64_t RestBits) {
  uint64_t Bits = std::max(FreeBits + RestBits, ExtentBits);
  Bits = alignUp(Bits, 8) + Model.VfptrShiftBits;
  return alignUp(Bits, std::max<uint64_t>(Model.RoundingAlignBits, 1));
}

/// The constraints as the search reads them: one section and one block per
/// unit, renumbered densely (sections from 0, blocks from 1, 0 meaning no
/// block); blocks that leave their section, and flexible array members'
/// blocks, dropped.
struct UnitGates {
  std::vector<unsigned> Section, Block;
  unsigned NumBlocks = 0;
};

UnitGates normaliseConstraints(const RecordLayoutModel &Model, const OrderConstraints &C) {
  size_t N = Model.Units.size();
  UnitGates G;
  G.Section.assign(N, 0);
  G.Block.assign(N, 0);
  if (C.Section.size() == N) {
    std::map<unsigned, unsigned> Dense;
    for (unsigned S : C.Section)
      Dense.emplace(S, 0);
    unsigned Next = 0;
    for (auto &Entry : Dense)
      Entry.second = Next++;
    for (size_t U = 0; U < N; ++U)
      G.Section[U] = Dense[C.Section[U]];
  }
  if (C.Block.size() != N)
    return G;
  std::map<unsigned, unsigned> SectionOfBlock, Dense;
  std::set<unsigned> Broken;
  for (size_t U = 0; U < N; ++U) {
    unsigned B = C.Block[U];
    if (!B || Model.Units[U].K == UnitSpec::Kind::FlexibleArray)
      continue;
    auto [It, New] = SectionOfBlock.emplace(B, G.Section[U]);
    if (!New && It->second != G.Section[U])
      Broken.insert(B);
  }
  for (size_t U = 0; U < N; ++U) {
    unsigned B = C.Block[U];
    if (!B || Broken.count(B) || Model.Units[U].K == UnitSpec::Kind::FlexibleArray)
      continue;
    auto [It, New] = Dense.emplace(B, G.NumBlocks + 1);
    if (New)
      ++G.NumBlocks;
    G.Block[U] = It->second;
  }
  return G;
}

class Search {
public:
  Search(const RecordLayoutModel &Model, const OptimizerOptions &Options)
      : Model(Model), Rules(Model), Budget(Options.StateBudget),
        Exhaustive(Options.Exhaustive), Goal(Options.Exhaustive ? 0 : Options.GoalSizeBits),
        Gates(normaliseConstraints(Model, Options.Constraints)) {
    for (unsigned U = 0; U < Model.Units.size(); ++U) {
      if (Model.Units[U].K == UnitSpec::Kind::FlexibleArray) {
        Flexible.push_back(U);
        continue;
      }
      unsigned C = 0;
      while (C < Classes.size() &&
             (Model.Units[Classes[C].front()] != Model.Units[U] ||
              Gates.Section[Classes[C].front()] != Gates.Section[U] ||
              Gates.Block[Classes[C].front()] != Gates.Block[U]))
        ++C;
      if (C == Classes.size())
        Classes.emplace_back();
      Classes[C].push_back(U);
    }
    BlockSize.assign(Gates.NumBlocks + 1, 0);
    BlockPlaced.assign(Gates.NumBlocks + 1, 0);
    for (unsigned B : Gates.Block)
      ++BlockSize[B];
    Weight.assign(Model.Units.size(), 0);
    for (const FieldModel &F : Model.Fields)
      ++Weight[F.Unit];
    for (const auto &C : Classes) {
      ClassDataBits.push_back(leastDataBits(Model, Model.Units[C.front()]));
      AllDataBits += ClassDataBits.back() * C.size();
    }
    // Mixed-radix strides; refuse state spaces whose counts do not fit.
    long double Combos = 1;
    for (const auto &C : Classes) {
      Stride.push_back(static_cast<uint64_t>(Combos));
      Combos *= C.size() + 1;
    }
    Encodable = Combos < static_cast<long double>(1ULL << 62);
  }

  bool encodable() const { return Encodable; }

  /// What the constraints allow next, given the units placed so far.
  struct Gate {
    unsigned Section = 0;
    unsigned OpenBlock = 0; ///< A started, unfinished block, or 0.
    bool AnyLeft = false;
  };

  Gate gate(const std::vector<unsigned> &Counts) const {
    Gate G;
    if (Gates.NumBlocks)
      std::fill(BlockPlaced.begin(), BlockPlaced.end(), 0u);
    for (unsigned C = 0; C < Classes.size(); ++C) {
      if (Gates.NumBlocks)
        BlockPlaced[Gates.Block[Classes[C].front()]] += Counts[C];
      if (Counts[C] == Classes[C].size())
        continue;
      unsigned S = Gates.Section[Classes[C].front()];
      if (!G.AnyLeft || S < G.Section)
        G.Section = S;
      G.AnyLeft = true;
    }
    for (unsigned B = 1; B <= Gates.NumBlocks; ++B)
      if (BlockPlaced[B] && BlockPlaced[B] < BlockSize[B]) {
        G.OpenBlock = B;
        break;
      }
    return G;
  }

  bool allowed(unsigned C, const std::vector<unsigned> &Counts, const Gate &G) const {
    if (Counts[C] == Classes[C].size())
      return false;
    unsigned U = Classes[C].front();
    if (Gates.Section[U] != G.Section)
      return false;
    return !G.OpenBlock || Gates.Block[U] == G.OpenBlock;
  }

  /// Phase 1: the smallest final size reachable from (Placed, S).
  uint64_t best(std::vector<unsigned> &Counts, uint64_t Placed, const LayoutState &S) {
    NodeKey Key{Placed, S, 0};
    auto It = Memo1.find(Key);
    if (It != Memo1.end())
      return It->second;
    uint64_t Result = Unreachable;
    Gate G = gate(Counts);
    for (unsigned C = 0; C < Classes.size(); ++C) {
      if (!allowed(C, Counts, G))
        continue;
      LayoutState Next = Rules.place(S, Model.Units[Classes[C][Counts[C]]]);
      ++Counts[C];
      Result = std::min(Result, best(Counts, Placed + Stride[C], Next));
      --Counts[C];
    }
    if (!G.AnyLeft)
      Result = finishWithFlexible(S);
    if (Memo1.size() >= Budget)
      throw BudgetExceeded();
    Memo1.emplace(Key, Result);
    return Result;
  }

  uint64_t bestKnown(uint64_t Placed, const LayoutState &S) const {
    auto It = Memo1.find(NodeKey{Placed, S, 0});
    return It == Memo1.end() ? Unreachable : It->second;
  }

  /// leastDataBits of the units a node has still to place.
  uint64_t restDataBits(const std::vector<unsigned> &Counts) const {
    uint64_t Rest = AllDataBits;
    for (unsigned C = 0; C < Classes.size(); ++C)
      Rest -= ClassDataBits[C] * Counts[C];
    return Rest;
  }

  /// A lower bound on the final size of every completion of a node in state
  /// \p S with \p Rest bits of data to come.
  uint64_t nodeBound(const LayoutState &S, uint64_t Rest) const {
    uint64_t Cursor = Model.Abi == LayoutAbi::Microsoft ? S.SizeBits : S.DataBits;
    return finalSizeBound(Model, Cursor - S.UnfilledBits, std::max(S.SizeBits, S.DataBits), Rest);
  }

  /// Phase 1, bounded: can (Placed, S), with Rest bits of data to come, be
  /// completed with a final size of at most Limit? Records the size of the
  /// first such completion in Found.
  bool reaches(std::vector<unsigned> &Counts, uint64_t Placed, const LayoutState &S,
               uint64_t Rest) {
    if (nodeBound(S, Rest) > Limit)
      return false;
    NodeKey Key{Placed, S, 0};
    auto It = Reach.find(Key);
    if (It != Reach.end())
      return It->second;
    bool Result = false;
    Gate G = gate(Counts);
    if (!G.AnyLeft) {
      uint64_t Size = finishWithFlexible(S);
      Result = Size <= Limit;
      if (Result)
        Found = std::min(Found, Size);
    } else {
      // Try the children that waste the fewest bits first: a yes ends the
      // question early.
      struct Child {
        uint64_t Waste; ///< The extent after the child, less its data.
        unsigned Class;
        LayoutState Next;
      };
      std::vector<Child> Children;
      for (unsigned C = 0; C < Classes.size(); ++C) {
        if (!allowed(C, Counts, G))
          continue;
        LayoutState Next = Rules.place(S, Model.Units[Classes[C][Counts[C]]]);
        Children.push_back({std::max(Next.SizeBits, Next.DataBits) - ClassDataBits[C], C, Next});
      }
      // Insertion sort: stable, and cheap for the few classes there are.
      for (size_t I = 1; I < Children.size(); ++I)
        for (size_t J = I; J && Children[J].Waste < Children[J - 1].Waste; --J)
          std::swap(Children[J], Children[J - 1]);
      for (const Child &Ch : Children) {
        ++Counts[Ch.Class];
        Result = reaches(Counts, Placed + Stride[Ch.Class], Ch.Next,
                         Rest - ClassDataBits[Ch.Class]);
        --Counts[Ch.Class];
        if (Result)
          break;
      }
    }
    if (Reach.size() >= Budget)
      throw BudgetExceeded();
    Reach.emplace(Key, Result);
    return Result;
  }

  /// Phase 1: the smallest final size over the constrained orders, given
  /// \p Upper, the size of one of them.
  uint64_t optimum(uint64_t Upper) {
    std::vector<unsigned> Counts(Classes.size(), 0);
    if (Exhaustive) {
      Target = best(Counts, 0, Rules.initial());
      return Target;
    }
    if (Goal) {
      // No constrained order is smaller than the unconstrained optimum, so
      // reaching it is all there is to ask.
      Reach.clear();
      Limit = Goal;
      Target = Upper <= Goal || reaches(Counts, 0, Rules.initial(), AllDataBits) ? Goal
                                                                                : Unreachable;
      return Target;
    }
    uint64_t Lower = nodeBound(Rules.initial(), AllDataBits);
    uint64_t Step = std::max<uint64_t>(Model.RoundingAlignBits, 1);
    uint64_t Best = Upper;
    while (Best >= Lower + Step) {
      Reach.clear();
      Limit = Best - Step;
      Found = Unreachable;
      if (!reaches(Counts, 0, Rules.initial(), AllDataBits))
        break;
      Best = Found;
    }
    // Phase 2 asks "can this node still end at the optimum?".
    Target = Best;
    if (Limit != Target) {
      Reach.clear();
      Limit = Target;
    }
    return Target;
  }

  /// True when a node can still end at the optimum; counts already include
  /// the node's units.
  bool leadsToTarget(std::vector<unsigned> &Counts, uint64_t Placed, const LayoutState &S) {
    if (Exhaustive)
      return bestKnown(Placed, S) == Target;
    return reaches(Counts, Placed, S, restDataBits(Counts));
  }

  /// The first unit of class \p C declared after the unit LastKept - 1.
  int firstKeepable(unsigned C, unsigned LastKept) const {
    for (unsigned U : Classes[C])
      if (U + 1 > LastKept)
        return static_cast<int>(U);
    return -1;
  }

  /// An upper bound on what kept() can return: of each class, the units
  /// still to place that are declared after the last kept one.
  long keptBound(const std::vector<unsigned> &Counts, unsigned LastKept) const {
    long Bound = 0;
    for (unsigned C = 0; C < Classes.size(); ++C) {
      long Left = static_cast<long>(Classes[C].size() - Counts[C]), Sum = 0, Heaviest = 0;
      for (unsigned U : Classes[C])
        if (U + 1 > LastKept) {
          Sum += Weight[U];
          Heaviest = std::max<long>(Heaviest, Weight[U]);
        }
      Bound += std::min(Sum, Left * Heaviest);
    }
    return Bound;
  }

  /// The weight a child must reach to matter, once Result is known.
  long childNeed(long Need, long Result) const {
    return Exhaustive ? Need : std::max(Need, Result + 1);
  }

  /// Phase 2: the largest weight of units kept in declaration order among the
  /// completions from (Placed, S) that reach Target; -1 if none does.
  ///
  /// Placing a unit of class C either keeps one (the first of C declared
  /// after the last kept unit: taking the first leaves the most room) or
  /// places one that moves. Moved units carry no identity here: whichever
  /// units of C are not kept fill C's moved places, in declaration order.
  ///
  /// Bounded like phase 1: the value is exact when it is at least \p Need;
  /// below Need it is only an upper bound (a node whose keptBound is below
  /// Need is not searched). A child is asked for more than the best sibling
  /// so far, so the maximum is exact as soon as it reaches Need: a sibling
  /// that fell short is no better than it. Memo entries remember which they
  /// are; an upper bound is searched again when asked for less.
  long kept(std::vector<unsigned> &Counts, uint64_t Placed, const LayoutState &S,
            unsigned LastKept, uint64_t Target, long Need) {
    if (Exhaustive)
      Need = std::numeric_limits<long>::min() / 2;
    NodeKey Key{Placed, S, LastKept};
    auto It = Memo2.find(Key);
    if (It != Memo2.end() && (It->second.Exact || It->second.Value < Need))
      return It->second.Value;
    if (!Exhaustive)
      if (long Bound = keptBound(Counts, LastKept); Bound < Need)
        return Bound;
    long Result = -1;
    Gate G = gate(Counts);
    for (unsigned C = 0; C < Classes.size(); ++C) {
      if (!allowed(C, Counts, G))
        continue;
      LayoutState Next = Rules.place(S, Model.Units[Classes[C].front()]);
      uint64_t NextPlaced = Placed + Stride[C];
      ++Counts[C];
      if (!leadsToTarget(Counts, NextPlaced, Next)) {
        --Counts[C];
        continue;
      }
      if (int U = firstKeepable(C, LastKept); U >= 0) {
        long W = static_cast<long>(Weight[U]);
        long K = kept(Counts, NextPlaced, Next, U + 1, Target, childNeed(Need, Result) - W);
        if (K >= 0)
          Result = std::max(Result, K + W);
      }
      Result = std::max(Result, kept(Counts, NextPlaced, Next, LastKept, Target,
                                     childNeed(Need, Result)));
      --Counts[C];
    }
    if (!G.AnyLeft)
      Result = finishWithFlexible(S) == Target ? 0 : -1;
    bool Exact = Result >= Need || !G.AnyLeft;
    if (It != Memo2.end()) {
      It = Memo2.find(Key); // The children's insertions may have rehashed.
      It->second = {Result, Exact};
      return Result;
    }
    if (Memo2.size() >= Budget)
      throw BudgetExceeded();
    Memo2.emplace(Key, KeptValue{Result, Exact});
    return Result;
  }

  /// Follows the phase-2 memo from the root and returns the order it encodes.
  std::vector<unsigned> reconstructKept(uint64_t Target) {
    std::vector<unsigned> Counts(Classes.size(), 0);
    uint64_t Placed = 0;
    LayoutState S = Rules.initial();
    unsigned LastKept = 0;
    long Want = kept(Counts, Placed, S, LastKept, Target, 0);
    // Each step: the class placed, and the unit kept (-1: a moved unit).
    std::vector<std::pair<unsigned, int>> Steps;
    std::vector<bool> IsKept(Model.Units.size(), false);
    while (Steps.size() + Flexible.size() < Model.Units.size()) {
      // Among equally good steps, keep the earliest-declared unit if any
      // keep works, else move from the class whose next unit comes first:
      // the order stays as close to the declaration as the optimum allows.
      int BestClass = -1, BestUnit = -1;
      long BestWant = 0;
      for (unsigned C : classesByNextUnit(Counts)) {
        LayoutState Next = Rules.place(S, Model.Units[Classes[C].front()]);
        uint64_t NextPlaced = Placed + Stride[C];
        ++Counts[C];
        if (!leadsToTarget(Counts, NextPlaced, Next)) {
          --Counts[C];
          continue;
        }
        int U = firstKeepable(C, LastKept);
        if (U >= 0 && (BestUnit < 0 || U < BestUnit)) {
          long K = kept(Counts, NextPlaced, Next, U + 1, Target, Want - static_cast<long>(Weight[U]));
          if (K >= 0 && K + static_cast<long>(Weight[U]) == Want)
            BestClass = C, BestUnit = U, BestWant = K;
        }
        if (BestClass < 0 && kept(Counts, NextPlaced, Next, LastKept, Target, Want) == Want)
          BestClass = C, BestWant = Want;
        --Counts[C];
      }
      if (BestClass < 0)
        return {}; // Cannot happen when the memo is consistent.
      S = Rules.place(S, Model.Units[Classes[BestClass].front()]);
      Placed += Stride[BestClass];
      ++Counts[BestClass];
      Steps.emplace_back(BestClass, BestUnit);
      if (BestUnit >= 0) {
        IsKept[BestUnit] = true;
        LastKept = BestUnit + 1;
      }
      Want = BestWant;
    }
    // Moved places of a class take its units that were not kept, in order.
    std::vector<std::vector<unsigned>> MovedUnits(Classes.size());
    for (unsigned C = 0; C < Classes.size(); ++C)
      for (unsigned U : Classes[C])
        if (!IsKept[U])
          MovedUnits[C].push_back(U);
    std::vector<size_t> NextMoved(Classes.size(), 0);
    std::vector<unsigned> Order;
    for (auto [C, U] : Steps)
      Order.push_back(U >= 0 ? static_cast<unsigned>(U) : MovedUnits[C][NextMoved[C]++]);
    Order.insert(Order.end(), Flexible.begin(), Flexible.end());
    return Order;
  }

  /// Units of one class are interchangeable, so they may trade places
  /// without changing the size: put each class's units back in declaration
  /// order wherever that moves no more fields.
  std::vector<unsigned> sortWithinClasses(std::vector<unsigned> Order) const {
    for (const std::vector<unsigned> &Class : Classes) {
      if (Class.size() < 2)
        continue;
      std::vector<unsigned> Sorted = Order;
      size_t Next = 0;
      for (unsigned &U : Sorted)
        if (std::find(Class.begin(), Class.end(), U) != Class.end())
          U = Class[Next++];
      if (countMovedFields(Model, Sorted) <= countMovedFields(Model, Order))
        Order = std::move(Sorted);
    }
    return Order;
  }

  /// Without phase 2: the earliest-declared unit that keeps Target reachable.
  std::vector<unsigned> reconstructGreedy(uint64_t Target) {
    std::vector<unsigned> Counts(Classes.size(), 0), Order;
    uint64_t Placed = 0;
    LayoutState S = Rules.initial();
    while (Order.size() + Flexible.size() < Model.Units.size()) {
      int BestClass = -1;
      Gate G = gate(Counts);
      for (unsigned C = 0; C < Classes.size(); ++C) {
        if (!allowed(C, Counts, G))
          continue;
        unsigned U = Classes[C][Counts[C]];
        if (BestClass >= 0 && Classes[BestClass][Counts[BestClass]] < U)
          continue;
        LayoutState Next = Rules.place(S, Model.Units[U]);
        ++Counts[C];
        if (leadsToTarget(Counts, Placed + Stride[C], Next))
          BestClass = C;
        --Counts[C];
      }
      if (BestClass < 0)
        break;
      unsigned U = Classes[BestClass][Counts[BestClass]++];
      S = Rules.place(S, Model.Units[U]);
      Placed += Stride[BestClass];
      Order.push_back(U);
    }
    Order.insert(Order.end(), Flexible.begin(), Flexible.end());
    return Order;
  }

  void dropPhase2() { Memo2.clear(); }

  /// Classes that may come next, by the declaration index of their next unit.
  std::vector<unsigned> classesByNextUnit(const std::vector<unsigned> &Counts) const {
    std::vector<unsigned> Result;
    Gate G = gate(Counts);
    for (unsigned C = 0; C < Classes.size(); ++C)
      if (allowed(C, Counts, G))
        Result.push_back(C);
    std::sort(Result.begin(), Result.end(), [&](unsigned A, unsigned B) {
      return Classes[A][Counts[A]] < Classes[B][Counts[B]];
    });
    return Result;
  }
  size_t numClasses() const { return Classes.size(); }
  LayoutState initial() const { return Rules.initial(); }

private:
  uint64_t finishWithFlexible(LayoutState S) const {
    for (unsigned U : Flexible)
      S = Rules.place(S, Model.Units[U]);
    return Rules.finish(S);
  }

  const RecordLayoutModel &Model;
  LayoutRules Rules;
  size_t Budget;
  bool Exhaustive;
  uint64_t Goal; ///< OptimizerOptions::GoalSizeBits; 0: find the optimum.
  UnitGates Gates;
  std::vector<unsigned> BlockSize;           ///< Units per block.
  mutable std::vector<unsigned> BlockPlaced; ///< Scratch space of gate().
  std::vector<std::vector<unsigned>> Classes;
  std::vector<unsigned> Flexible;
  std::vector<unsigned> Weight;
  std::vector<uint64_t> Stride;
  std::vector<uint64_t> ClassDataBits; ///< leastDataBits of a class's units.
  uint64_t AllDataBits = 0;            ///< leastDataBits of all searched units.
  bool Encodable = true;
  uint64_t Target = Unreachable; ///< The optimum, once phase 1 found it.
  uint64_t Limit = Unreachable;  ///< The size the Reach memo answers for.
  uint64_t Found = Unreachable;  ///< Final size of the first "yes" of reaches.
  std::unordered_map<NodeKey, bool, NodeKeyHash> Reach;
  std::unordered_map<NodeKey, uint64_t, NodeKeyHash> Memo1;
  struct KeptValue {
    long Value;
    bool Exact; ///< Else an upper bound below the Need it was computed for.
  };
  std::unordered_map<NodeKey, KeptValue, NodeKeyHash> Memo2;
};

/// Orders that are good in practice, for records too large to search. With
/// sections, each order is then stably sorted by section: the sections hold,
/// blocks may not.
std::vector<std::vector<unsigned>> heuristicOrders(const RecordLayoutModel &Model,
                                                   const UnitGates &Gates) {
  std::vector<unsigned> Movable, Flexible;
  for (unsigned U = 0; U < Model.Units.size(); ++U)
    (Model.Units[U].K == UnitSpec::Kind::FlexibleArray ? Flexible : Movable).push_back(U);
  auto Align = [&](unsigned U) {
    const UnitSpec &S = Model.Units[U];
    if (S.K != UnitSpec::Kind::BitFieldRun)
      return S.AlignBits;
    uint64_t A = 8;
    for (const BitFieldSpec &B : S.BitFields)
      A = std::max(A, B.AlignBits);
    return A;
  };
  auto Size = [&](unsigned U) {
    const UnitSpec &S = Model.Units[U];
    if (S.K != UnitSpec::Kind::BitFieldRun)
      return S.SizeBits;
    uint64_t W = 0;
    for (const BitFieldSpec &B : S.BitFields)
      W += B.WidthBits;
    return W;
  };
  std::vector<std::vector<unsigned>> Orders;
  auto Add = [&](std::vector<unsigned> O) {
    std::stable_sort(O.begin(), O.end(), [&](unsigned A, unsigned B) {
      return Gates.Section[A] < Gates.Section[B];
    });
    O.insert(O.end(), Flexible.begin(), Flexible.end());
    Orders.push_back(std::move(O));
  };
  Add(Movable);
  std::vector<unsigned> ByAlign = Movable;
  std::stable_sort(ByAlign.begin(), ByAlign.end(),
                   [&](unsigned A, unsigned B) { return Align(A) > Align(B); });
  Add(ByAlign);
  std::vector<unsigned> ByAlignSize = Movable;
  std::stable_sort(ByAlignSize.begin(), ByAlignSize.end(), [&](unsigned A, unsigned B) {
    return std::make_pair(Align(A), Size(A)) > std::make_pair(Align(B), Size(B));
  });
  Add(ByAlignSize);
  std::vector<unsigned> ByAlignUp = Movable;
  std::stable_sort(ByAlignUp.begin(), ByAlignUp.end(),
                   [&](unsigned A, unsigned B) { return Align(A) < Align(B); });
  Add(ByAlignUp);
  // Greedy fit: always place the unit that leaves the smallest data size,
  // preferring larger alignment on ties.
  {
    LayoutRules Rules(Model);
    LayoutState S = Rules.initial();
    std::vector<unsigned> Left = Movable, Order;
    while (!Left.empty()) {
      size_t BestI = 0;
      LayoutState BestS;
      for (size_t I = 0; I < Left.size(); ++I) {
        LayoutState N = Rules.place(S, Model.Units[Left[I]]);
        if (I == 0 || N.DataBits < BestS.DataBits ||
            (N.DataBits == BestS.DataBits && Align(Left[I]) > Align(Left[BestI]))) {
          BestI = I;
          BestS = N;
        }
      }
      Order.push_back(Left[BestI]);
      S = BestS;
      Left.erase(Left.begin() + BestI);
    }
    Add(Order);
  }
  return Orders;
}

} // namespace

unsigned countMovedFields(const RecordLayoutModel &Model, const std::vector<unsigned> &UnitOrder) {
  std::vector<unsigned> Weight(Model.Units.size(), 0);
  for (const FieldModel &F : Model.Fields)
    ++Weight[F.Unit];
  // Weighted longest increasing subsequence of the unit indices.
  std::vector<unsigned> BestEndingAt(UnitOrder.size(), 0);
  unsigned Kept = 0, Total = 0;
  for (size_t I = 0; I < UnitOrder.size(); ++I) {
    unsigned Best = 0;
    for (size_t J = 0; J < I; ++J)
      if (UnitOrder[J] < UnitOrder[I])
        Best = std::max(Best, BestEndingAt[J]);
    BestEndingAt[I] = Best + Weight[UnitOrder[I]];
    Kept = std::max(Kept, BestEndingAt[I]);
    Total += Weight[UnitOrder[I]];
  }
  return Total - Kept;
}

bool satisfies(const RecordLayoutModel &Model, const OrderConstraints &Constraints,
               const std::vector<unsigned> &UnitOrder) {
  UnitGates G = normaliseConstraints(Model, Constraints);
  // Sections must not decrease; each block must occupy consecutive places.
  std::vector<size_t> First(G.NumBlocks + 1, SIZE_MAX), Last(G.NumBlocks + 1, 0),
      Count(G.NumBlocks + 1, 0);
  unsigned Section = 0;
  size_t Place = 0;
  for (unsigned U : UnitOrder) {
    if (U >= Model.Units.size())
      return false;
    if (Model.Units[U].K == UnitSpec::Kind::FlexibleArray)
      continue;
    if (Place && G.Section[U] < Section)
      return false;
    Section = G.Section[U];
    if (unsigned B = G.Block[U]) {
      First[B] = std::min(First[B], Place);
      Last[B] = Place;
      ++Count[B];
    }
    ++Place;
  }
  for (unsigned B = 1; B <= G.NumBlocks; ++B)
    if (Count[B] && Last[B] - First[B] + 1 != Count[B])
      return false;
  return true;
}

uint64_t sizeLowerBound(const RecordLayoutModel &Model) {
  uint64_t Bits = 0;
  for (const UnitSpec &U : Model.Units)
    Bits += leastDataBits(Model, U);
  return finalSizeBound(Model, Model.StartDataBits, Model.StartSizeBits, Bits);
}

namespace {

/// Everything optimizeFieldOrder's result depends on, as bytes.
std::string cacheKey(const RecordLayoutModel &Model, const OptimizerOptions &Options) {
  std::string Key;
  auto Put = [&Key](uint64_t V) { Key.append(reinterpret_cast<const char *>(&V), sizeof V); };
  Put(static_cast<uint64_t>(Model.Abi));
  Put(Model.StartDataBits);
  Put(Model.StartSizeBits);
  Put(Model.RoundingAlignBits);
  Put(Model.VfptrShiftBits);
  Put(Model.MinSizeOneByte);
  Put(Options.StateBudget);
  Put(Options.Exhaustive);
  Put(Options.GoalSizeBits);
  Put(Model.Units.size());
  for (const UnitSpec &U : Model.Units) {
    Put(static_cast<uint64_t>(U.K));
    Put(U.SizeBits);
    Put(U.AlignBits);
    Put(U.DataSizeBits);
    Put(U.OverlappingEmpty);
    Put(U.BitFields.size());
    for (const BitFieldSpec &B : U.BitFields) {
      Put(B.WidthBits);
      Put(B.StorageUnitBits);
      Put(B.AlignBits);
      Put(B.ExplicitAlignBits);
      Put(B.RaisesRecordAlign);
      Put(B.AllowPadding);
    }
  }
  Put(Model.Fields.size());
  for (const FieldModel &F : Model.Fields)
    Put(F.Unit);
  for (const std::vector<unsigned> *V : {&Options.Constraints.Section, &Options.Constraints.Block}) {
    Put(V->size());
    for (unsigned X : *V)
      Put(X);
  }
  return Key;
}

struct ResultCache {
  std::mutex Lock;
  std::unordered_map<std::string, OptimizedOrder> Entries;
  OptimizerCacheStats Stats;
};

ResultCache &resultCache() {
  static ResultCache Cache;
  return Cache;
}

OptimizedOrder computeFieldOrder(const RecordLayoutModel &Model, const OptimizerOptions &Options);

} // namespace

OptimizedOrder optimizeFieldOrder(const RecordLayoutModel &Model, const OptimizerOptions &Options) {
  if (Model.Units.size() < OptimizerCacheMinUnits)
    return computeFieldOrder(Model, Options);
  std::string Key = cacheKey(Model, Options);
  ResultCache &Cache = resultCache();
  {
    std::lock_guard<std::mutex> Guard(Cache.Lock);
    auto It = Cache.Entries.find(Key);
    if (It != Cache.Entries.end()) {
      ++Cache.Stats.Hits;
      return It->second;
    }
    ++Cache.Stats.Misses;
  }
  // Searched unlocked: two threads may search the same record at once, and
  // both get the same result.
  OptimizedOrder Result = computeFieldOrder(Model, Options);
  std::lock_guard<std::mutex> Guard(Cache.Lock);
  if (Cache.Entries.size() < OptimizerCacheMaxEntries)
    Cache.Entries.emplace(std::move(Key), Result);
  Cache.Stats.Entries = Cache.Entries.size();
  return Result;
}

OptimizerCacheStats optimizerCacheStats() {
  ResultCache &Cache = resultCache();
  std::lock_guard<std::mutex> Guard(Cache.Lock);
  return Cache.Stats;
}

namespace {

OptimizedOrder computeFieldOrder(const RecordLayoutModel &Model, const OptimizerOptions &Options) {
  OptimizedOrder Result;
  Result.UnitOrder = declarationOrder(Model);
  Result.SizeBits = simulate(Model, Result.UnitOrder).SizeBits;
  // Nothing to win when the declaration order already meets the lower bound.
  if (Result.SizeBits <= sizeLowerBound(Model)) {
    Result.Proven = true;
    return Result;
  }

  // The heuristic orders: the answer when the search runs out of budget,
  // and, those of them that satisfy the constraints, its upper bound.
  std::vector<std::vector<unsigned>> Heuristic =
      heuristicOrders(Model, normaliseConstraints(Model, Options.Constraints));
  auto FallBack = [&] {
    for (std::vector<unsigned> &Order : Heuristic) {
      uint64_t Size = simulate(Model, Order).SizeBits;
      if (Size < Result.SizeBits) {
        Result.SizeBits = Size;
        Result.UnitOrder = std::move(Order);
      }
    }
    Result.Proven = false;
    Result.MovedFields = countMovedFields(Model, Result.UnitOrder);
    return Result;
  };
  uint64_t Upper = Result.SizeBits;
  for (const std::vector<unsigned> &Order : Heuristic)
    if (satisfies(Model, Options.Constraints, Order))
      Upper = std::min(Upper, simulate(Model, Order).SizeBits);

  Search S(Model, Options);
  uint64_t Target = Unreachable;
  if (S.encodable()) {
    try {
      Target = S.optimum(Upper);
    } catch (BudgetExceeded &) {
      Target = Unreachable;
    }
  }
  if (Target == Unreachable)
    return FallBack();

  Result.Proven = true;
  if (Target >= Result.SizeBits)
    return Result; // The declaration order is already optimal: keep it.

  std::vector<unsigned> Order;
  try {
    try {
      Order = S.reconstructKept(Target);
    } catch (BudgetExceeded &) {
      S.dropPhase2();
      Order = S.reconstructGreedy(Target);
    }
    if (Order.size() != Model.Units.size() || simulate(Model, Order).SizeBits != Target ||
        !satisfies(Model, Options.Constraints, Order))
      Order = S.reconstructGreedy(Target);
  } catch (BudgetExceeded &) {
    // Only the bounded phase 1 grows a memo here; the exhaustive one has all
    // its nodes already.
    return FallBack();
  }
  Order = S.sortWithinClasses(std::move(Order));
  Result.UnitOrder = std::move(Order);
  Result.SizeBits = simulate(Model, Result.UnitOrder).SizeBits;
  Result.MovedFields = countMovedFields(Model, Result.UnitOrder);
  return Result;
}

} // namespace

} // namespace tightfit::layout
