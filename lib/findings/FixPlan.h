//===- FixPlan.h - which fix-its of a whole run are applied ------*- C++ -*-===//
//
// The standalone tool sees a project's translation units together, so it can
// apply fix-its that a single clang-tidy run could not apply safely: a record
// in a header is rewritten only when every translation unit that compiles the
// header agrees on the rewrite. These functions decide, over plain findings
// and a record of which translation unit read which file, which fix-its are
// applied; the front-end does the I/O.
//
//===----------------------------------------------------------------------===//
#ifndef TIGHTFIT_FINDINGS_FIXPLAN_H
#define TIGHTFIT_FINDINGS_FIXPLAN_H

#include "lib/findings/Finding.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"
#include <map>
#include <string>
#include <vector>

namespace tightfit::findings {

/// The hash that identifies a file's content in FileReads.
std::string contentHash(llvm::StringRef Content);

/// Which translation units read a file, and the contents they saw (as
/// hashes; more than one means the file changed while the run read it).
struct FileReads {
  std::vector<unsigned> Units;
  std::vector<std::string> ContentHashes;
};
using FileReadMap = std::map<std::string, FileReads>; ///< By canonical path.

/// What a run analysed: the files each translation unit read, and whether
/// the run covered the whole project, so that a file it did not see compiled
/// elsewhere cannot be.
struct RunFiles {
  FileReadMap Reads;
  std::vector<std::string> MainFiles; ///< Canonical main file of each unit, by number.
  std::vector<unsigned> FailedUnits;  ///< Units the compiler reported errors in, sorted.
  bool WholeProject = true;
};

/// Settles the fix-it of each finding reported by several translation units,
/// before the copies are merged (sortAndDeduplicate). \p Copies are findings
/// as each translation unit reported them, each with ReportedBy = {its unit}.
/// For the copies of one finding (same check, file and offset):
///  - no file that some copy's fix-it edits may have been read by a
///    translation unit that failed to compile: the compiler did not
///    understand that unit, so a rewrite could break it further (as
///    `clang-tidy -fix` applies no fix-it to a unit with errors);
///  - each file that some copy's fix-it edits must have been read only by
///    translation units that report the finding, and each of those must
///    propose exactly the same edits to that file: a unit that compiles the
///    file but would leave it alone (or edit it differently) could stop
///    compiling after the others' rewrite;
///  - when the run did not cover the whole project, a fix-it may edit only
///    the main files of the units that report it: any other file may be
///    compiled by units the run did not see;
///  - when that holds, the fix-it is the union of the copies' edits (each
///    unit may add edits to files only it reads, e.g. its initialisers);
///  - otherwise every copy's fix-it is refused, with the reason.
/// Afterwards all copies of a finding carry the same Fix and FixRefusal.
void settleFixesAcrossUnits(std::vector<Finding> &Copies, const RunFiles &Files);

/// The edits to write, file by file.
struct FixPlan {
  std::map<std::string, std::vector<FixEdit>> EditsByFile; ///< Sorted, each edit once.
  unsigned Findings = 0; ///< Findings whose fix-its the plan applies.
};

/// Plans the fix-its of \p Findings (merged, and only those that count, i.e.
/// not baselined), refusing (FixRefusal) the fix-it of a finding when
///  - it was refused before (settleFixesAcrossUnits);
///  - one of the files it edits changed while the run read it;
///  - its own edits overlap;
///  - it conflicts with another finding's fix-it: their edits overlap, or
///    insert at one place in no defined order (both are refused; an edit that
///    two fix-its share is applied once).
FixPlan planFixes(std::vector<Finding> &Findings, const RunFiles &Files);

/// Whether two edits of one file cannot both be applied: they overlap, or
/// one inserts where the other starts or inside what it replaces. Identical
/// edits never conflict.
bool editsConflict(const FixEdit &A, const FixEdit &B);

/// The replacements that turn \p Code into the fixed file: \p Edits, then
/// clang-tidy's cleanup around them and formatting in \p FormatStyle (the
/// configuration's FormatStyle: "none", "file", "llvm", ...), as `clang-tidy
/// -fix` does.
llvm::Expected<clang::tooling::Replacements>
fileReplacements(llvm::StringRef File, llvm::StringRef Code, llvm::ArrayRef<FixEdit> Edits,
                 llvm::StringRef FormatStyle);

/// A unified diff (`diff -u` format, \p ContextLines lines of context) of
/// \p Code against \p Code with \p Replacements applied, naming the files
/// \p OldName and \p NewName; empty when nothing changes.
std::string unifiedDiff(llvm::StringRef OldName, llvm::StringRef NewName, llvm::StringRef Code,
                        const clang::tooling::Replacements &Replacements,
                        unsigned ContextLines = 3);

} // namespace tightfit::findings

#endif
