//===- PaddedRecordCheck.cpp - tightfit-padded-record ---------------------===//
#include "checks/PaddedRecordCheck.h"
#include "lib/findings/FindingsSink.h"
#include "lib/layout/RecordLayoutExtractor.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include <algorithm>

using namespace clang;
using namespace clang::ast_matchers;

namespace tightfit {

struct PaddedRecordCheck::Verdict {
  const RecordDecl *Record;
  layout::RecordLayoutModel Model;
  layout::PaddedRecordVerdict Analysis;
};

PaddedRecordCheck::PaddedRecordCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), MinSavingBytes(Options.get("MinSavingBytes", 1U)),
      MinSavingPercent(Options.get("MinSavingPercent", 0U)),
      IgnoredRecords(Options.get("IgnoredRecords", "")),
      SearchBudget(Options.get("SearchBudget", 200000U)) {
  SmallVector<StringRef, 4> Patterns;
  StringRef(IgnoredRecords).split(Patterns, ';', -1, /*KeepEmpty=*/false);
  for (StringRef P : Patterns) {
    P = P.trim();
    if (P.empty())
      continue;
    llvm::Regex R(("^(" + P + ")$").str());
    std::string Error;
    if (!R.isValid(Error)) {
      configurationDiag("invalid regular expression '%0' in %1.IgnoredRecords: %2")
          << P << Name << Error;
      continue;
    }
    IgnoredRecordPatterns.push_back(std::move(R));
  }
}

PaddedRecordCheck::~PaddedRecordCheck() = default;

void PaddedRecordCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MinSavingBytes", MinSavingBytes);
  Options.store(Opts, "MinSavingPercent", MinSavingPercent);
  Options.store(Opts, "IgnoredRecords", IgnoredRecords);
  Options.store(Opts, "SearchBudget", SearchBudget);
}

void PaddedRecordCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      recordDecl(isDefinition(), unless(isUnion()), unless(isImplicit())).bind("record"), this);
}

bool PaddedRecordCheck::isIgnored(const RecordDecl &Record) const {
  if (IgnoredRecordPatterns.empty())
    return false;
  std::string Name = Record.getQualifiedNameAsString();
  return llvm::any_of(IgnoredRecordPatterns,
                      [&](const llvm::Regex &R) { return R.match(Name); });
}

void PaddedRecordCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Record = Result.Nodes.getNodeAs<RecordDecl>("record");
  Ctx = Result.Context;
  if (Record->isDependentType() || Record->isInvalidDecl() ||
      Record->isAnonymousStructOrUnion())
    return;
  SourceLocation Loc = Record->getLocation();
  if (Loc.isInvalid() || Result.SourceManager->isInSystemHeader(Loc))
    return;
  const auto *Class = dyn_cast<CXXRecordDecl>(Record);
  if (Class && Class->isLambda())
    return;
  if (isIgnored(*Record))
    return;

  layout::ExtractedLayout Extracted = layout::extractRecordLayout(*Record, *Result.Context);
  if (!Extracted.Model)
    return; // Not modelled: no verdict rather than a guess.
  layout::PaddedRecordOptions Opts;
  Opts.MinSavingBytes = MinSavingBytes;
  Opts.MinSavingPercent = MinSavingPercent;
  Opts.Search.StateBudget = SearchBudget;
  auto V = std::make_unique<Verdict>();
  V->Record = Record;
  V->Model = std::move(*Extracted.Model);
  V->Analysis = layout::analyzePaddedRecord(V->Model, Opts);
  if (!V->Analysis.ShouldReport)
    return;

  // An instantiated class template (or a member class of one) is reported
  // once, at its template, when all instantiations of the TU are known.
  if (const CXXRecordDecl *Pattern = Class ? Class->getTemplateInstantiationPattern() : nullptr) {
    auto &Verdicts = TemplateVerdicts[Pattern];
    if (Verdicts.empty())
      TemplateOrder.push_back(Pattern);
    Verdicts.push_back(std::move(V));
    return;
  }
  report(*V, {});
}

void PaddedRecordCheck::onEndOfTranslationUnit() {
  for (const Decl *Pattern : TemplateOrder) {
    auto &Verdicts = TemplateVerdicts[Pattern];
    std::stable_sort(Verdicts.begin(), Verdicts.end(), [](const auto &A, const auto &B) {
      return A->Analysis.SavingBytes > B->Analysis.SavingBytes;
    });
    report(*Verdicts.front(), llvm::ArrayRef(Verdicts).drop_front());
  }
  TemplateVerdicts.clear();
  TemplateOrder.clear();
}

/// Diagnostic texts are format strings: a literal '%' must be doubled.
static std::string verbatim(StringRef Text) {
  std::string Out;
  for (char C : Text) {
    Out += C;
    if (C == '%')
      Out += '%';
  }
  return Out;
}

/// Where to point at a field, base or the record itself.
static SourceLocation fieldLocation(const RecordDecl &Record, unsigned Index) {
  unsigned I = 0;
  for (const FieldDecl *F : Record.fields())
    if (I++ == Index)
      return F->getLocation();
  return Record.getLocation();
}

static SourceLocation fixedPartLocation(const RecordDecl &Record, const layout::RecordLayoutModel &M,
                                        unsigned Index) {
  // Fixed parts are the vtable pointer (if any) followed by the non-empty
  // bases in declaration order; point bases at their specifier.
  const auto *Class = dyn_cast<CXXRecordDecl>(&Record);
  if (!Class || M.Fixed[Index].DisplayName.rfind("base ", 0) != 0)
    return Record.getLocation();
  unsigned BaseIndex = Index - (M.Fixed.front().DisplayName.rfind("base ", 0) == 0 ? 0 : 1);
  unsigned I = 0;
  for (const CXXBaseSpecifier &B : Class->bases()) {
    if (B.getType()->getAsCXXRecordDecl()->isEmpty())
      continue;
    if (I++ == BaseIndex)
      return B.getBeginLoc();
  }
  return Record.getLocation();
}

void PaddedRecordCheck::report(const Verdict &V,
                               llvm::ArrayRef<std::unique_ptr<Verdict>> MoreInstantiations) {
  const RecordDecl &Record = *V.Record;
  const auto *Class = dyn_cast<CXXRecordDecl>(&Record);
  const CXXRecordDecl *Pattern = Class ? Class->getTemplateInstantiationPattern() : nullptr;
  SourceLocation Loc = Pattern ? Pattern->getLocation() : Record.getLocation();
  std::string Message = layout::formatPaddedRecordMessage(V.Model, V.Analysis);
  diag(Loc, verbatim(Message));

  for (const layout::PaddingHole &Hole : V.Analysis.Current.Holes) {
    SourceLocation At = Loc;
    if (Hole.After == layout::PaddingHole::AfterKind::Field)
      At = fieldLocation(Record, Hole.AfterIndex);
    else if (Hole.After == layout::PaddingHole::AfterKind::Fixed)
      At = fixedPartLocation(Record, V.Model, Hole.AfterIndex);
    diag(At, layout::formatHoleNote(V.Model, Hole), DiagnosticIDs::Note);
  }
  if (V.Analysis.Current.TailBytes) {
    const RecordDecl &Spelled = Pattern ? *Pattern : Record;
    SourceLocation End = Spelled.getBraceRange().getEnd();
    diag(End.isValid() ? End : Loc, layout::formatTailNote(V.Analysis.Current.TailBytes),
         DiagnosticIDs::Note);
  }
  if (!V.Analysis.Best.Proven)
    diag(Loc, layout::formatUnprovenNote(), DiagnosticIDs::Note);
  for (const auto &Other : MoreInstantiations)
    diag(Loc, verbatim("also " + layout::formatPaddedRecordMessage(Other->Model, Other->Analysis)),
         DiagnosticIDs::Note);

  attachDetails(V, Message, MoreInstantiations);
}

void PaddedRecordCheck::attachDetails(const Verdict &V, const std::string &Message,
                                      llvm::ArrayRef<std::unique_ptr<Verdict>> MoreInstantiations) {
  findings::DetailsSink *Sink = findings::currentDetailsSink();
  if (!Sink || !Ctx)
    return;
  const SourceManager &SM = Ctx->getSourceManager();
  const auto *Class = dyn_cast<CXXRecordDecl>(V.Record);
  const CXXRecordDecl *Pattern = Class ? Class->getTemplateInstantiationPattern() : nullptr;
  SourceLocation Loc = SM.getFileLoc(Pattern ? Pattern->getLocation() : V.Record->getLocation());

  llvm::json::Object Details = layout::paddedRecordDetails(V.Model, V.Analysis);
  if (Pattern) {
    llvm::json::Array All;
    All.push_back(layout::paddedRecordDetails(V.Model, V.Analysis));
    for (const auto &Other : MoreInstantiations)
      All.push_back(layout::paddedRecordDetails(Other->Model, Other->Analysis));
    Details["instantiations"] = std::move(All);
  }

  findings::DetailsKey Key;
  Key.CheckName = getID().str();
  if (OptionalFileEntryRef Entry = SM.getFileEntryRefForID(SM.getFileID(Loc))) {
    SmallString<256> Path(Entry->getName());
    SM.getFileManager().makeAbsolutePath(Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    Key.File = std::string(Path);
  }
  Key.Offset = SM.getFileOffset(Loc);
  Key.Message = Message;
  Sink->add(std::move(Key), std::move(Details));
}

} // namespace tightfit
