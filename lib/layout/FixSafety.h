//===- FixSafety.h - when a field reordering is not offered -------*- C++ -*-===//
//
// The reasons tightfit-padded-record keeps its warning but offers no fix-it,
// their wording, and the decisions about initialisation order that need
// nothing but plain data. See FixSafety.cpp for the rules.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_LAYOUT_FIXSAFETY_H
#define TIGHTFIT_LIB_LAYOUT_FIXSAFETY_H

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tightfit::layout {

/// Why a record gets no fix-it. Each has a stable code for JSON output.
enum class FixRefusal {
  None,
  // Where the record is.
  InSystemHeader,    ///< Never reported anyway; listed for completeness.
  InHeader,          ///< Positional initialisers in other TUs are possible.
  RecordInMacro,     ///< The record's braces or name come from a macro.
  FieldInMacro,      ///< A field declaration comes from a macro.
  Directive,         ///< #if and friends among the fields.
  ClassTemplate,     ///< The best order depends on the template arguments.
  Unsplittable,      ///< `int a, b;` that must be split but cannot be.
  AccessSections,    ///< The order moves fields between access sections.
  TypeDeclaredLater, ///< A field would move above a member its type uses.
  // The layout is observable.
  Packed,            ///< packed / #pragma pack: usually a wire or file format.
  Volatile,          ///< volatile fields: usually hardware or shared memory.
  CLinkage,          ///< extern "C", or a header C code includes too.
  Exported,          ///< Exported from its library: its layout is part of an ABI.
  OffsetOf,          ///< offsetof reads a field offset.
  SizeAsserted,      ///< static_assert or a comparison on sizeof.
  StructuredBinding, ///< `auto [a, b] = s` binds fields by position.
  ByteCopy,          ///< memcpy/memcmp between it and other bytes.
  FileIo,            ///< fwrite/fread/write/read/send/recv of it.
  PointerCast,       ///< reinterpret_cast or C cast to/from other types.
  BitCast,           ///< std::bit_cast / __builtin_bit_cast.
  DefaultedComparison, ///< operator<=> = default compares in declaration order.
  // Initialisation order.
  InitReadsLaterField, ///< An initialiser would read a field set later.
  InitOrderEffects,    ///< Initialisers with side effects would run in another order.
  LifetimeOrder,       ///< User-written constructors/destructors would run in another order.
  // Initialisers tightfit cannot rewrite.
  InitInMacro,           ///< An initialiser list spelled by a macro.
  InitInTemplate,        ///< An initialiser list in a template.
  InitMixedDesignators,  ///< A C list mixing designated and positional elements.
  InitCannotNameField,   ///< A positional list would have to name a field it
                         ///< cannot value-initialise.
  ParenAggregateInit,    ///< C++20 aggregate initialisation with parentheses.
  // Interplay with other fixes.
  OverlapsOtherFix,      ///< Its edits overlap another record's fix-it.
};

/// A refusal and what it is about (a field name, a function name, ...).
struct RefusalReason {
  FixRefusal Kind = FixRefusal::None;
  std::string Detail;
  explicit operator bool() const { return Kind != FixRefusal::None; }
};

/// `offsetof`, `in-header`, ... for machine-readable output.
const char *refusalCode(FixRefusal Kind);

/// The note that replaces the fix-it: `no fix-it: offsetof reads its layout`.
std::string formatRefusalNote(const RefusalReason &Reason);

/// True when a preprocessor directive of \p FileText tests `__cplusplus`: the
/// file is meant for C and C++ code alike. Comments and code that merely
/// mention the name do not count.
bool testsCplusplus(std::string_view FileText);

/// What the initialisers of a constructor (or the default member
/// initialisers) of a record do, per field in declaration order.
struct FieldInitFacts {
  /// Fields (indices) the field's initialiser reads.
  std::vector<unsigned> Reads;
  /// The initialiser reads `this` in a way that may reach any field (a member
  /// function call, `this` passed on).
  bool ReadsAnyField = false;
  /// The initialiser has effects whose order may matter (writes, calls to
  /// functions that are not constexpr or const members).
  bool OrderSensitive = false;
};

/// The first initialiser that reads a field the new order initialises after
/// it: (reader, read field). ReadsAnyField counts as reading every field
/// declared before the reader: those must stay before it.
std::optional<std::pair<unsigned, unsigned>>
findLaterFieldRead(const std::vector<FieldInitFacts> &Facts,
                   const std::vector<unsigned> &NewFieldOrder);

/// The first pair of fields, both flagged in \p Flags, whose relative order
/// \p NewFieldOrder changes.
std::optional<std::pair<unsigned, unsigned>>
findSwappedPair(const std::vector<bool> &Flags, const std::vector<unsigned> &NewFieldOrder);

} // namespace tightfit::layout

#endif
