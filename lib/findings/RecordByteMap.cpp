//===- RecordByteMap.cpp - a padded record's bytes, for drawing -----------===//
//
// The rules are stated in RecordByteMap.h. The suggested layout is either
// read from the details or derived from them; a derivation that cannot be
// exact gives no map rather than a plausible drawing.
//
//===----------------------------------------------------------------------===//
#include "lib/findings/RecordByteMap.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"
#include <algorithm>

namespace tightfit::findings {
namespace {

struct FieldBytes {
  uint64_t Begin = 0, End = 0; ///< Bytes the field covers now.
  uint64_t SizeBits = 0;
  uint64_t SizeBytes = 0; ///< Whole bytes of SizeBits.
  bool BitField = false;
};

struct Parsed {
  uint64_t Size = 0, Align = 1, OptimalSize = 0, TailPadding = 0;
  std::vector<FieldBytes> Fields;
  std::vector<std::pair<uint64_t, uint64_t>> Holes; ///< [begin, end)
  std::vector<unsigned> Order;
};

std::optional<uint64_t> count(const llvm::json::Object &O, llvm::StringRef Key) {
  std::optional<int64_t> V = O.getInteger(Key);
  if (!V || *V < 0)
    return std::nullopt;
  return uint64_t(*V);
}

std::optional<Parsed> parse(const llvm::json::Object &Details) {
  Parsed P;
  std::optional<uint64_t> Size = count(Details, "size"), Align = count(Details, "align"),
                          Optimal = count(Details, "optimalSize"),
                          Tail = count(Details, "tailPadding");
  const llvm::json::Array *Fields = Details.getArray("fields");
  const llvm::json::Array *Holes = Details.getArray("holes");
  const llvm::json::Array *Order = Details.getArray("suggestedOrder");
  if (!Size || !Align || !*Align || !Optimal || !Tail || !Fields || !Holes || !Order ||
      *Tail > *Size)
    return std::nullopt;
  P.Size = *Size;
  P.Align = *Align;
  P.OptimalSize = *Optimal;
  P.TailPadding = *Tail;
  for (const llvm::json::Value &V : *Fields) {
    const llvm::json::Object *F = V.getAsObject();
    std::optional<uint64_t> Offset = F ? count(*F, "offsetBits") : std::nullopt;
    std::optional<uint64_t> Bits = F ? count(*F, "sizeBits") : std::nullopt;
    if (!Offset || !Bits)
      return std::nullopt;
    FieldBytes B;
    B.Begin = *Offset / 8;
    B.End = llvm::divideCeil(*Offset + *Bits, 8);
    B.SizeBits = *Bits;
    B.SizeBytes = *Bits / 8;
    B.BitField = F->getBoolean("bitField").value_or(false);
    if (B.End > P.Size)
      return std::nullopt;
    P.Fields.push_back(B);
  }
  for (const llvm::json::Value &V : *Holes) {
    const llvm::json::Object *H = V.getAsObject();
    std::optional<uint64_t> Offset = H ? count(*H, "offset") : std::nullopt;
    std::optional<uint64_t> Bytes = H ? count(*H, "size") : std::nullopt;
    if (!Offset || !Bytes || *Offset + *Bytes > P.Size)
      return std::nullopt;
    P.Holes.push_back({*Offset, *Offset + *Bytes});
  }
  std::vector<bool> Seen(P.Fields.size());
  for (const llvm::json::Value &V : *Order) {
    std::optional<int64_t> I = V.getAsInteger();
    if (!I || *I < 0 || size_t(*I) >= P.Fields.size() || Seen[*I])
      return std::nullopt;
    Seen[*I] = true;
    P.Order.push_back(unsigned(*I));
  }
  if (P.Order.size() != P.Fields.size())
    return std::nullopt;
  return P;
}

/// Runs from labelled intervals: later bytes of an interval that starts
/// inside an earlier one are cut off; uncovered bytes below \p Size are Other.
std::optional<RecordByteMap> fromIntervals(std::vector<ByteRun> Intervals, uint64_t Size) {
  llvm::stable_sort(Intervals, [](const ByteRun &A, const ByteRun &B) { return A.Begin < B.Begin; });
  RecordByteMap Map;
  Map.SizeBytes = Size;
  uint64_t At = 0;
  for (ByteRun R : Intervals) {
    if (R.End > Size)
      return std::nullopt;
    R.Begin = std::max(R.Begin, At);
    if (R.Begin >= R.End)
      continue;
    if (R.Begin > At)
      Map.Runs.push_back({At, R.Begin, ByteRun::Kind::Other, 0});
    Map.Runs.push_back(R);
    At = R.End;
  }
  if (At < Size)
    Map.Runs.push_back({At, Size, ByteRun::Kind::Other, 0});
  return Map;
}

/// Where the fields start: after the bases and the vtable pointer, before
/// any hole that separates them from the first field.
uint64_t fieldsStart(const Parsed &P) {
  if (P.Fields.empty())
    return 0;
  uint64_t First = llvm::min_element(P.Fields, [](const FieldBytes &A, const FieldBytes &B) {
                     return A.Begin < B.Begin;
                   })->Begin;
  for (auto [Begin, End] : P.Holes)
    if (End == First)
      return Begin;
  return First;
}

/// The largest power of two dividing \p N (N > 0).
uint64_t powerOfTwoPart(uint64_t N) { return N & (~N + 1); }

/// The suggested map once each field's suggested offset (in bits) is known.
std::optional<RecordByteMap> suggestedFromOffsets(const Parsed &P,
                                                  const std::vector<uint64_t> &OffsetBits) {
  uint64_t Start = fieldsStart(P);
  std::vector<ByteRun> Intervals;
  // The bases and the vtable pointer stay where they are, and so do the
  // holes between them.
  for (auto [Begin, End] : P.Holes)
    if (End <= Start)
      Intervals.push_back({Begin, End, ByteRun::Kind::Padding, 0});
  uint64_t DataEnd = Start;
  for (unsigned I : P.Order) {
    uint64_t Begin = OffsetBits[I] / 8;
    uint64_t End = llvm::divideCeil(OffsetBits[I] + P.Fields[I].SizeBits, 8);
    Intervals.push_back({Begin, End, ByteRun::Kind::Field, I});
    DataEnd = std::max(DataEnd, End);
  }
  if (DataEnd > P.OptimalSize)
    return std::nullopt;
  Intervals.push_back({DataEnd, P.OptimalSize, ByteRun::Kind::Tail, 0});
  std::optional<RecordByteMap> Map = fromIntervals(std::move(Intervals), P.OptimalSize);
  if (!Map)
    return std::nullopt;
  // Gaps between fields are padding; only bytes below the fields' start are
  // something else.
  for (ByteRun &R : Map->Runs)
    if (R.K == ByteRun::Kind::Other && R.Begin >= Start)
      R.K = ByteRun::Kind::Padding;
  return Map;
}

} // namespace

std::optional<RecordByteMap> currentByteMap(const llvm::json::Object &Details) {
  std::optional<Parsed> P = parse(Details);
  if (!P)
    return std::nullopt;
  std::vector<ByteRun> Intervals;
  for (unsigned I = 0; I < P->Fields.size(); ++I)
    Intervals.push_back({P->Fields[I].Begin, P->Fields[I].End, ByteRun::Kind::Field, I});
  for (auto [Begin, End] : P->Holes)
    Intervals.push_back({Begin, End, ByteRun::Kind::Padding, 0});
  Intervals.push_back({P->Size - P->TailPadding, P->Size, ByteRun::Kind::Tail, 0});
  return fromIntervals(std::move(Intervals), P->Size);
}

std::optional<RecordByteMap> suggestedByteMap(const llvm::json::Object &Details) {
  std::optional<Parsed> P = parse(Details);
  if (!P || P->Fields.empty())
    return std::nullopt;

  if (const llvm::json::Array *Given = Details.getArray("suggestedOffsetBits")) {
    if (Given->size() != P->Fields.size())
      return std::nullopt;
    std::vector<uint64_t> OffsetBits;
    for (const llvm::json::Value &V : *Given) {
      std::optional<int64_t> Bits = V.getAsInteger();
      if (!Bits || *Bits < 0)
        return std::nullopt;
      OffsetBits.push_back(uint64_t(*Bits));
    }
    return suggestedFromOffsets(*P, OffsetBits);
  }

  // Derivation. Fields in their current order, to bound each one's alignment.
  std::vector<unsigned> ByOffset(P->Fields.size());
  for (unsigned I = 0; I < ByOffset.size(); ++I)
    ByOffset[I] = I;
  llvm::stable_sort(ByOffset, [&](unsigned A, unsigned B) {
    return P->Fields[A].Begin < P->Fields[B].Begin;
  });
  std::vector<uint64_t> Low(P->Fields.size(), 1), High(P->Fields.size(), P->Align);
  uint64_t Start = fieldsStart(*P), PreviousEnd = Start;
  for (unsigned I : ByOffset) {
    const FieldBytes &F = P->Fields[I];
    if (F.BitField || F.Begin < PreviousEnd || F.End - F.Begin != F.SizeBytes)
      return std::nullopt; // Bit-fields, overlap, or a part-byte field.
    if (F.SizeBytes)
      High[I] = std::min(High[I], powerOfTwoPart(F.SizeBytes));
    if (F.Begin)
      High[I] = std::min(High[I], powerOfTwoPart(F.Begin));
    if (F.Begin > PreviousEnd) {
      // The hole before the field: exactly the alignments that round the
      // previous end up to the field's offset.
      std::optional<uint64_t> Least, Most;
      for (uint64_t A = 1; A <= P->Align; A *= 2)
        if (llvm::alignTo(PreviousEnd, A) == F.Begin) {
          Least = Least.value_or(A);
          Most = A;
        }
      if (!Least)
        return std::nullopt;
      Low[I] = std::max(Low[I], *Least);
      High[I] = std::min(High[I], *Most);
    }
    if (Low[I] > High[I])
      return std::nullopt;
    PreviousEnd = F.End;
  }

  auto Place = [&](const std::vector<uint64_t> &Aligns, uint64_t &End) {
    std::vector<uint64_t> Offsets(P->Fields.size());
    uint64_t Cursor = Start;
    for (unsigned I : P->Order) {
      Offsets[I] = llvm::alignTo(Cursor, Aligns[I]);
      Cursor = Offsets[I] + P->Fields[I].SizeBytes;
    }
    End = Cursor;
    return Offsets;
  };
  uint64_t LowEnd = 0, HighEnd = 0;
  std::vector<uint64_t> AtLow = Place(Low, LowEnd), AtHigh = Place(High, HighEnd);
  if (AtLow != AtHigh || llvm::alignTo(HighEnd, P->Align) != P->OptimalSize)
    return std::nullopt;
  for (uint64_t &Offset : AtHigh)
    Offset *= 8;
  return suggestedFromOffsets(*P, AtHigh);
}

} // namespace tightfit::findings
