//===- InstanceEvidence.cpp - how much a saving matters -------------------===//
//
// The rules:
//   - Evidence of many instances: a standard container holding the record by
//     value, `new R[n]`, `malloc`/`calloc` of n records, `new R` or `malloc`
//     inside a loop, or constant-size arrays of 16 or more in total. Being a
//     field of another reported record is evidence too, and "many" when that
//     record has many instances.
//     Arrays below 16 elements count their instances but are not "many".
//   - Ranking: bytes saved per instance times the instances suggested (the
//     array instances, at least 1; at least 4096 with unbounded evidence:
//     containers, allocations). It orders findings; it does not estimate
//     memory.
//   - Cache lines: ceil(size / line) for an instance starting on a line.
//   - Heap chunks: glibc's request2size: the request plus one size word,
//     rounded up to MALLOC_ALIGNMENT (16), at least MINSIZE (4 words).
//
//===----------------------------------------------------------------------===//
#include "lib/layout/InstanceEvidence.h"
#include <algorithm>
#include <fmt/format.h>

namespace tightfit::layout {

namespace {

constexpr uint64_t ManyArrayInstances = 16;
constexpr uint64_t UnboundedWeight = 4096;

uint64_t saturatingAdd(uint64_t A, uint64_t B) { return A + B < A ? UINT64_MAX : A + B; }

uint64_t saturatingMul(uint64_t A, uint64_t B) {
  if (A && B > UINT64_MAX / A)
    return UINT64_MAX;
  return A * B;
}

std::string describe(const InstanceEvidence &E) {
  switch (E.Kind) {
  case EvidenceKind::Array:
    return E.Count ? fmt::format("array '{}' of {}", E.Name, E.Count)
                   : fmt::format("array '{}'", E.Name);
  case EvidenceKind::Container:
    return E.Name.empty() ? E.Container : fmt::format("{} '{}'", E.Container, E.Name);
  case EvidenceKind::ArrayNew:
    return "new[]";
  case EvidenceKind::NewInLoop:
    return "new in a loop";
  case EvidenceKind::AllocArray:
    return fmt::format("{} of an array", E.Name.empty() ? "malloc" : E.Name);
  case EvidenceKind::AllocInLoop:
    return fmt::format("{} in a loop", E.Name.empty() ? "malloc" : E.Name);
  case EvidenceKind::MemberOf:
    return fmt::format("member of '{}'", E.Name);
  }
  return "";
}

} // namespace

InstanceSummary summarizeEvidence(std::vector<InstanceEvidence> Items) {
  InstanceSummary S;
  std::stable_sort(Items.begin(), Items.end(), [](const InstanceEvidence &A,
                                                  const InstanceEvidence &B) {
    return A.Line < B.Line;
  });
  for (InstanceEvidence &E : Items) {
    if (std::find(S.Items.begin(), S.Items.end(), E) != S.Items.end())
      continue;
    switch (E.Kind) {
    case EvidenceKind::Array:
      S.ArrayInstances = saturatingAdd(S.ArrayInstances, E.Count);
      break;
    case EvidenceKind::Container:
    case EvidenceKind::ArrayNew:
    case EvidenceKind::NewInLoop:
    case EvidenceKind::AllocArray:
    case EvidenceKind::AllocInLoop:
      S.Many = S.Unbounded = true;
      break;
    case EvidenceKind::MemberOf:
      S.Many |= E.HolderMany;
      S.Unbounded |= E.HolderMany;
      break;
    }
    S.Items.push_back(std::move(E));
  }
  if (S.ArrayInstances >= ManyArrayInstances)
    S.Many = true;
  return S;
}

std::string formatEvidence(const InstanceSummary &S) {
  if (S.Items.empty())
    return "";
  std::string Out = "instances: ";
  size_t Shown = std::min<size_t>(S.Items.size(), 3);
  for (size_t I = 0; I < Shown; ++I)
    Out += (I ? ", " : "") + describe(S.Items[I]);
  if (S.Items.size() > Shown)
    Out += fmt::format(" and {} more", S.Items.size() - Shown);
  return Out;
}

uint64_t rankScore(uint64_t SavingBytes, const InstanceSummary &S) {
  uint64_t Weight = std::max<uint64_t>(1, S.ArrayInstances);
  if (S.Unbounded)
    Weight = std::max(Weight, UnboundedWeight);
  return saturatingMul(SavingBytes, Weight);
}

uint64_t cacheLinesSpanned(uint64_t SizeBytes, unsigned LineBytes) {
  if (!LineBytes)
    return 0;
  return (SizeBytes + LineBytes - 1) / LineBytes;
}

uint64_t mallocChunkBytes(uint64_t SizeBytes, unsigned PointerBytes) {
  uint64_t Word = PointerBytes ? PointerBytes : 8;
  uint64_t Min = 4 * Word;
  uint64_t Chunk = (SizeBytes + Word + 15) & ~uint64_t(15);
  return std::max(Chunk, Min);
}

} // namespace tightfit::layout
