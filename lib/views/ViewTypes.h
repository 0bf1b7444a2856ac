//===- ViewTypes.h - owners, views and how to spell them ---------*- C++ -*-===//
//
// The types the view checks reason about: the owners a parameter or local may
// hold (std::string, std::vector<T>) and the non-owning views that can replace
// them (std::string_view and std::span<const T> by default, or the project's
// own view types named in an option).
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_LIB_VIEWS_VIEWTYPES_H
#define TIGHTFIT_LIB_VIEWS_VIEWTYPES_H

#include "lib/views/StringSso.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace clang {
class ASTContext;
class CXXRecordDecl;
class NamedDecl;
class ParmVarDecl;
class TypeLoc;
} // namespace clang

namespace tightfit::views {

enum class OwnerKind { String, Vector };

/// A parameter or variable type that owns its characters or elements.
struct OwnerType {
  OwnerKind Kind = OwnerKind::String;
  /// Vector: the element type T of std::vector<T>.
  clang::QualType Element;
  bool IsReference = false; ///< `const std::string &` rather than by value.
  bool IsConst = false;     ///< The owner object itself is const.
  /// The std::basic_string / std::vector specialization.
  const clang::CXXRecordDecl *Record = nullptr;
};

/// std::basic_string<char, char_traits<char>, allocator<char>> (any cv).
bool isStdString(clang::QualType T);
/// std::vector<T, allocator<T>> (any cv); \p Element receives T.
bool isStdVector(clang::QualType T, clang::QualType *Element = nullptr);
/// std::basic_string_view<char> (any cv).
bool isStdStringView(clang::QualType T);

/// The owner a parameter of type \p T holds, when T is one the view checks
/// handle: `std::string`, `const std::string &`, `std::vector<T>`,
/// `const std::vector<T> &` (vector<bool> excluded: it has no contiguous
/// storage). Non-const references, rvalue references and volatile are not.
std::optional<OwnerType> classifyOwner(clang::QualType T);

/// True when \p T (cv and references removed) is the same owner as \p Owner:
/// a std::string, or a std::vector of the same element type.
bool isSameOwner(clang::QualType T, const OwnerType &Owner);

/// A view type as the user names it in an option. `%T` stands for the
/// element type: `std::string_view`, `std::span<const %T>`,
/// `absl::Span<const %T>`, `llvm::ArrayRef<%T>`, `llvm::StringRef`.
struct ViewSpelling {
  std::string Text;         ///< As configured.
  std::string QualifiedName; ///< The type or template: `std::span`.
  std::string ArgumentPattern; ///< `const %T`, or empty for a plain type.
  bool isStandard(OwnerKind Kind) const;
  static ViewSpelling parse(llvm::StringRef Text);
  /// The spelling with %T replaced by \p ElementSpelling. When the element
  /// is a pointer, `const %T` becomes `%T const`: `const T*` would make the
  /// pointee const instead of the element.
  std::string spell(llvm::StringRef ElementSpelling, bool ElementIsPointer = false) const;
};

/// The view type that replaces an owner, resolved in a translation unit.
class ViewType {
public:
  /// Resolves \p Spelling for \p Owner in \p Ctx. The standard views are
  /// recognised by structure; a project's view type must be declared in the
  /// translation unit (else !valid()).
  static ViewType resolve(const ViewSpelling &Spelling, const OwnerType &Owner,
                          clang::ASTContext &Ctx);
  bool valid() const { return Standard || Decl != nullptr; }
  bool isStandard() const { return Standard; }
  /// True when \p T (cv and references removed) is this view type.
  bool matches(clang::QualType T) const;
  /// The class of the view (for a template, its pattern), to look up members.
  const clang::CXXRecordDecl *record() const;
  const ViewSpelling &spelling() const { return Spelling; }

private:
  ViewSpelling Spelling;
  OwnerType Owner;
  bool Standard = false;
  const clang::NamedDecl *Decl = nullptr; ///< TypedefNameDecl, CXXRecordDecl or ClassTemplateDecl.
  clang::QualType Canonical;               ///< For a non-template view.
};

/// Finds a declaration by qualified name (`std::span`, `absl::string_view`)
/// in the translation unit, looking through inline namespaces.
const clang::NamedDecl *lookupQualifiedName(llvm::StringRef Name, clang::ASTContext &Ctx);

/// The string implementation of \p StringRecord, a std::string of the
/// standard library \p Family (erasure::detectLibrary).
StringLibrary detectStringLibrary(const clang::CXXRecordDecl &StringRecord,
                                  std::optional<erasure::LibraryFamily> Family);

/// The element type as written in the `std::vector<...>` of a parameter's
/// type, or the printed type when the source spells the vector otherwise.
std::string elementSpelling(const clang::ParmVarDecl &Param, const OwnerType &Owner,
                            const clang::ASTContext &Ctx);

} // namespace tightfit::views

#endif
