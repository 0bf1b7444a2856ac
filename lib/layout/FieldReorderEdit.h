//===- FieldReorderEdit.h - the source edit of a field reordering -*- C++ -*-===//
//
// Plain functions over a file's text and byte spans that compute the edits
// moving a record's field declarations into a new order, and the edits that
// keep what depends on the order compiling: constructor mem-initializer lists
// and positional or C++20 designated initializer lists. Free of Clang types;
// the Clang side (ReorderFixBuilder) measures the spans. See
// FieldReorderEdit.cpp for the rules.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_LAYOUT_FIELDREORDEREDIT_H
#define TIGHTFIT_LIB_LAYOUT_FIELDREORDEREDIT_H

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tightfit::layout {

/// Replaces Length bytes at Offset of a file's text by Text.
struct TextEdit {
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;

  friend bool operator==(const TextEdit &A, const TextEdit &B) {
    return A.Offset == B.Offset && A.Length == B.Length && A.Text == B.Text;
  }
};

/// \p Text with \p Edits applied; the edits must not overlap.
std::string applyEdits(std::string_view Text, std::vector<TextEdit> Edits);

/// True when two edits of the lists touch the same bytes (or insert at the
/// same offset).
bool editsOverlap(const std::vector<TextEdit> &A, const std::vector<TextEdit> &B);

/// [Begin, End) byte offsets.
using ByteRange = std::pair<unsigned, unsigned>;

/// One field declaration of a record body: `int a;`, `char a, b;`,
/// `union { int i; float f; };`, `struct { ... } s;`.
struct FieldDeclSpelling {
  unsigned Begin = 0; ///< Its first token (attributes included).
  unsigned End = 0;   ///< One past its ';'.
  /// The fields it declares (indices in declaration order, consecutive).
  std::vector<unsigned> Fields;
  /// With several fields: each declarator, without the separating commas
  /// (`*b : 3 = 1`). The text before the first one is the shared part.
  std::vector<ByteRange> Declarators;
};

/// Where a record's field declarations are spelled.
struct RecordBodySpelling {
  unsigned BodyBegin = 0; ///< Just after the '{'.
  unsigned BodyEnd = 0;   ///< The '}'.
  /// In source order; together they declare fields 0..N-1 in order.
  std::vector<FieldDeclSpelling> Decls;
};

/// Why an edit cannot be made (no edit rather than a risky one).
enum class EditRefusal {
  None,
  /// A preprocessor directive inside the body: moving fields across it
  /// would change other configurations of the record.
  Directive,
  /// A declaration of several fields must be split but its declarators
  /// cannot be separated from the shared type.
  UnsplittableDeclaration,
  /// A positional initialiser list must name a field that it did not
  /// initialise before, and no value-initialiser can be written for it.
  CannotValueInitialise,
};

struct BodyEdit {
  std::vector<TextEdit> Edits;
  EditRefusal Refusal = EditRefusal::None;
  unsigned RefusedField = 0; ///< The field the refusal is about, if any.
  bool LineMode = false;     ///< Whole lines (with their comments) moved.
};

/// The author's grouping of the fields: a number per field (from 1); fields
/// with the same number form one group. A group is a run of field
/// declarations with nothing but comments between them: a blank line, or
/// any other member (a function, an access specifier, a type), ends it.
std::vector<unsigned> authorGroups(std::string_view Text, const RecordBodySpelling &Body);

/// True when a preprocessor directive line lies inside the body.
bool bodyHasDirective(std::string_view Text, const RecordBodySpelling &Body);

/// The edits that move the field declarations of \p Body into
/// \p NewFieldOrder (field indices, a permutation), one per declaration
/// place whose text changes. Pass them with the record's other edits to
/// finishRecordEdits.
BodyEdit reorderFieldDeclarations(std::string_view Text, const RecordBodySpelling &Body,
                                  const std::vector<unsigned> &NewFieldOrder);

/// The final edits of one record's fix from its declaration, mem-initializer
/// and initializer-list edits (which must not overlap): when whole lines
/// moved (\p LineMode), the trailing comments of the body's changed runs are
/// aligned again and the edits inside the body become one edit of the lines
/// that differ.
std::vector<TextEdit> finishRecordEdits(std::string_view Text, const RecordBodySpelling &Body,
                                        std::vector<TextEdit> Edits, bool LineMode);

/// A constructor's mem-initializer list: the written field initializers
/// (`a(1)`, `b{2}`), in source order, as (field index, range).
struct MemInitSpelling {
  std::vector<std::pair<unsigned, ByteRange>> FieldInits;
};

/// The edits that put the field initializers of \p Inits into the new
/// field order, in the places they occupy now (base initializers, commas and
/// comments stay where they are).
std::vector<TextEdit> reorderMemInitializers(std::string_view Text, const MemInitSpelling &Inits,
                                             const std::vector<unsigned> &NewFieldOrder);

/// An initializer list of the record, as spelled.
struct InitListSpelling {
  /// Per field, in declaration order: the range of its written initializer,
  /// or nothing. A positional list writes a prefix of the fields; a
  /// designated one any subset, designators included in the ranges.
  std::vector<std::optional<ByteRange>> Elements;
  /// Per field: its initializer is a brace-elided sub-aggregate (`1, 2` for
  /// an `int[2]`); it gets braces of its own when it moves.
  std::vector<bool> ElidedBraces;
  /// Per field: positional initialisation skips it (an unnamed bit-field).
  std::vector<bool> Skipped;
  /// C++20 designated initializers (`.a = 1`), which must follow the
  /// declaration order.
  bool Designated = false;
  /// The list has no braces of its own (brace elision in an enclosing list).
  bool Elided = false;
  /// A C list `{0}`: it zero-initialises every field in any order.
  bool ZeroList = false;
};

/// The edits that make \p List initialise the same fields with the same
/// values once the fields are in \p NewFieldOrder. \p ValueInit gives, per
/// field, the text that value-initialises it ("{}", "0", "{0}"), or "" when
/// none is safe; it is used for fields the positional list must now name
/// but did not initialise before. Refuses with CannotValueInitialise.
BodyEdit reorderInitList(std::string_view Text, const InitListSpelling &List,
                         const std::vector<unsigned> &NewFieldOrder,
                         const std::vector<std::string> &ValueInit);

} // namespace tightfit::layout

#endif
