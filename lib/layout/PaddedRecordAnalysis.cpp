//===- PaddedRecordAnalysis.cpp - the padded-record verdict ---------------===//
//
// Padding is counted in whole bytes that no subobject touches: a byte that
// holds a single bit of a bit-field is used. A base class occupies its data
// size (its own tail padding, when the ABI lets fields reuse it, is padding of
// the derived record: a reorder can fill it); a [[no_unique_address]] member
// likewise occupies its data size; an empty one occupies nothing.
//
// A record is reported when the smallest order found saves at least
// MinSavingBytes and MinSavingPercent of the current size. Sizes in the
// message are the compiler's (current) and the target rules' (suggested);
// the model was checked to reproduce the compiler before it got here.
//
//===----------------------------------------------------------------------===//
#include "lib/layout/PaddedRecordAnalysis.h"
#include "lib/layout/LayoutRules.h"
#include <algorithm>
#include <fmt/format.h>

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
  V.SuggestedFieldOrder = fieldOrder(Model, V.Best.UnitOrder);
  V.ShouldReport = V.SavingBytes > 0 && V.SavingBytes >= Options.MinSavingBytes &&
                   V.SavingBytes * 100 >= uint64_t(Options.MinSavingPercent) * V.SizeBytes;
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
  return llvm::json::Object{
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
