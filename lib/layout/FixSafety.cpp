//===- FixSafety.cpp - when a field reordering is not offered -------------===//
//
// A fix-it must never break a build nor change what a program does, so the
// check offers none (and says why, in one note) when:
//   - the record is where one TU cannot see every use: a header (other TUs
//     may initialise it positionally; FixRecordsInHeaders allows it), a
//     system header, a macro expansion, a class template (its best order
//     depends on the arguments);
//   - the text cannot be moved safely: a field spelled by a macro, a
//     preprocessor directive among the fields, a shared declaration that
//     cannot be split, a field whose declaration uses a member declared after
//     the place it would move to, an order that crosses access sections;
//   - the layout is observable: packed records, volatile fields, C linkage
//     or a file meant for C and C++ alike (it tests __cplusplus; in C and
//     C++ translation units; FixCLinkageRecords allows it), records exported
//     from their library (a visibility or dllexport attribute, or a macro
//     between the class key and the name — where export macros go, and
//     nothing else can stand; FixExportedRecords allows it),
//     offsetof, a static_assert or comparison on sizeof, structured
//     bindings, byte copies to or from other types, file and socket I/O of
//     its bytes, casts between its pointer and other object pointers, bit
//     casts, a defaulted operator<=> (it compares in declaration order);
//   - initialisation would change: an initialiser reads a field the new
//     order initialises later; two initialisers with side effects, or two
//     fields whose types run user-written constructors and destructors, would
//     run in the other order;
//   - an initialiser list cannot be rewritten: spelled by a macro, inside a
//     template, a C list mixing designated and positional elements, a
//     positional list that would have to name a field it cannot
//     value-initialise, C++20 aggregate initialisation with parentheses;
//   - its edits overlap another record's fix-it (nested initialiser lists):
//     the other one is applied first, this one in the next run.
//
//===----------------------------------------------------------------------===//
#include "lib/layout/FixSafety.h"

namespace tightfit::layout {

const char *refusalCode(FixRefusal Kind) {
  switch (Kind) {
  case FixRefusal::None: return "none";
  case FixRefusal::InSystemHeader: return "system-header";
  case FixRefusal::InHeader: return "header";
  case FixRefusal::RecordInMacro: return "record-in-macro";
  case FixRefusal::FieldInMacro: return "field-in-macro";
  case FixRefusal::Directive: return "preprocessor-directive";
  case FixRefusal::ClassTemplate: return "class-template";
  case FixRefusal::Unsplittable: return "unsplittable-declaration";
  case FixRefusal::AccessSections: return "access-sections";
  case FixRefusal::TypeDeclaredLater: return "type-declared-later";
  case FixRefusal::Packed: return "packed";
  case FixRefusal::Volatile: return "volatile";
  case FixRefusal::CLinkage: return "c-linkage";
  case FixRefusal::Exported: return "exported";
  case FixRefusal::OffsetOf: return "offsetof";
  case FixRefusal::SizeAsserted: return "size-asserted";
  case FixRefusal::StructuredBinding: return "structured-binding";
  case FixRefusal::ByteCopy: return "byte-copy";
  case FixRefusal::FileIo: return "file-io";
  case FixRefusal::PointerCast: return "pointer-cast";
  case FixRefusal::BitCast: return "bit-cast";
  case FixRefusal::DefaultedComparison: return "defaulted-comparison";
  case FixRefusal::InitReadsLaterField: return "init-reads-later-field";
  case FixRefusal::InitOrderEffects: return "init-order-effects";
  case FixRefusal::LifetimeOrder: return "lifetime-order";
  case FixRefusal::InitInMacro: return "init-in-macro";
  case FixRefusal::InitInTemplate: return "init-in-template";
  case FixRefusal::InitMixedDesignators: return "init-mixed-designators";
  case FixRefusal::InitCannotNameField: return "init-cannot-name-field";
  case FixRefusal::ParenAggregateInit: return "paren-aggregate-init";
  case FixRefusal::OverlapsOtherFix: return "overlaps-other-fix";
  }
  return "unknown";
}

std::string formatRefusalNote(const RefusalReason &R) {
  const std::string &D = R.Detail;
  std::string Why;
  switch (R.Kind) {
  case FixRefusal::None:
    return "";
  case FixRefusal::InSystemHeader:
    Why = "the record is in a system header";
    break;
  case FixRefusal::InHeader:
    Why = "the record is defined in a header, and other translation units may initialise it "
          "positionally (the option FixRecordsInHeaders allows it)";
    break;
  case FixRefusal::RecordInMacro:
    Why = "the record is spelled by a macro";
    break;
  case FixRefusal::FieldInMacro:
    Why = "field '" + D + "' is spelled by a macro";
    break;
  case FixRefusal::Directive:
    Why = "a preprocessor directive among the fields hides the fields of other configurations";
    break;
  case FixRefusal::ClassTemplate:
    Why = "the best order of a class template depends on its arguments";
    break;
  case FixRefusal::Unsplittable:
    Why = "the declaration of '" + D + "' would have to be split, and it cannot be";
    break;
  case FixRefusal::AccessSections:
    Why = "the order moves fields between access sections";
    break;
  case FixRefusal::TypeDeclaredLater:
    Why = D;
    break;
  case FixRefusal::Packed:
    Why = "a packed record usually describes a fixed binary format";
    break;
  case FixRefusal::Volatile:
    Why = "volatile field '" + D + "' suggests a layout shared with hardware or other processes";
    break;
  case FixRefusal::CLinkage:
    Why = "C and C++ code may share this layout (" + D +
          "; the option FixCLinkageRecords allows it)";
    break;
  case FixRefusal::Exported:
    Why = "it is exported from its library (" + D +
          "): programs built against the old layout would break; the option "
          "FixExportedRecords allows it";
    break;
  case FixRefusal::OffsetOf:
    Why = "offsetof reads its layout here";
    break;
  case FixRefusal::SizeAsserted:
    Why = "its size is asserted or compared here";
    break;
  case FixRefusal::StructuredBinding:
    Why = "a structured binding unpacks its fields by position here";
    break;
  case FixRefusal::ByteCopy:
    Why = "'" + D + "' copies its bytes to or from another type here";
    break;
  case FixRefusal::FileIo:
    Why = "'" + D + "' reads or writes its bytes here";
    break;
  case FixRefusal::PointerCast:
    Why = "a cast reinterprets its bytes here";
    break;
  case FixRefusal::BitCast:
    Why = "a bit cast reinterprets its bytes here";
    break;
  case FixRefusal::DefaultedComparison:
    Why = "the defaulted '" + D + "' compares fields in declaration order";
    break;
  case FixRefusal::InitReadsLaterField:
  case FixRefusal::InitOrderEffects:
  case FixRefusal::LifetimeOrder:
    Why = D;
    break;
  case FixRefusal::InitInMacro:
    Why = "an initialiser list of it is spelled by a macro here";
    break;
  case FixRefusal::InitInTemplate:
    Why = "a template initialises it with a list here";
    break;
  case FixRefusal::InitMixedDesignators:
    Why = "an initialiser list mixes designated and positional elements here";
    break;
  case FixRefusal::InitCannotNameField:
    Why = "a positional initialiser would have to initialise '" + D +
          "' explicitly here, and no value is safe to write for it";
    break;
  case FixRefusal::ParenAggregateInit:
    Why = "it is aggregate-initialised with parentheses here";
    break;
  case FixRefusal::OverlapsOtherFix:
    return "no fix-it in this run: it would overlap the fix-it for '" + D +
           "'; apply the fixes again";
  }
  return "no fix-it: " + Why;
}

std::optional<std::pair<unsigned, unsigned>>
findLaterFieldRead(const std::vector<FieldInitFacts> &Facts,
                   const std::vector<unsigned> &NewFieldOrder) {
  std::vector<unsigned> Position(NewFieldOrder.size(), 0);
  for (unsigned P = 0; P < NewFieldOrder.size(); ++P)
    Position[NewFieldOrder[P]] = P;
  for (unsigned Reader : NewFieldOrder) {
    if (Reader >= Facts.size())
      continue;
    const FieldInitFacts &F = Facts[Reader];
    for (unsigned Read : F.Reads)
      if (Read < Position.size() && Read != Reader && Position[Read] > Position[Reader])
        return std::make_pair(Reader, Read);
    // Reading `this` wholesale: any field initialised before it in the
    // declaration order must still be.
    if (F.ReadsAnyField)
      for (unsigned Earlier = 0; Earlier < Reader; ++Earlier)
        if (Position[Earlier] > Position[Reader])
          return std::make_pair(Reader, Earlier);
  }
  return std::nullopt;
}

std::optional<std::pair<unsigned, unsigned>>
findSwappedPair(const std::vector<bool> &Flags, const std::vector<unsigned> &NewFieldOrder) {
  std::vector<unsigned> Position(NewFieldOrder.size(), 0);
  for (unsigned P = 0; P < NewFieldOrder.size(); ++P)
    Position[NewFieldOrder[P]] = P;
  for (unsigned A = 0; A < Flags.size() && A < Position.size(); ++A) {
    if (!Flags[A])
      continue;
    for (unsigned B = A + 1; B < Flags.size() && B < Position.size(); ++B)
      if (Flags[B] && Position[B] < Position[A])
        return std::make_pair(A, B);
  }
  return std::nullopt;
}

bool testsCplusplus(std::string_view FileText) {
  bool InDirective = false; // On a directive line or its continuation.
  size_t Pos = 0;
  while (Pos < FileText.size()) {
    size_t End = FileText.find('\n', Pos);
    if (End == std::string_view::npos)
      End = FileText.size();
    std::string_view Line = FileText.substr(Pos, End - Pos);
    size_t First = Line.find_first_not_of(" \t");
    if (!InDirective && First != std::string_view::npos && Line[First] == '#')
      InDirective = true;
    if (InDirective && Line.find("__cplusplus") != std::string_view::npos)
      return true;
    size_t Last = Line.find_last_not_of(" \t\r");
    InDirective = InDirective && Last != std::string_view::npos && Line[Last] == '\\';
    Pos = End + 1;
  }
  return false;
}

} // namespace tightfit::layout
