//===- PaddedRecordCheck.cpp - tightfit-padded-record ---------------------===//
#include "checks/PaddedRecordCheck.h"
#include "checks/DetailsKey.h"
#include "checks/BoolOption.h"
#include "checks/DiagnosticText.h"
#include "lib/findings/FindingsSink.h"
#include "lib/layout/InstanceEvidence.h"
#include "lib/layout/RecordLayoutExtractor.h"
#include "lib/layout/RecordUseScanner.h"
#include "lib/layout/ReorderFixBuilder.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/TargetInfo.h"
#include "llvm/ADT/SmallPtrSet.h"
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
  layout::RecordSourceFacts Source;
  /// Filled in at the end of the translation unit.
  layout::ReorderFix Fix;
  layout::InstanceSummary Instances;
  bool GroupsKept = true;
  /// The Targets option's judgements.
  std::vector<layout::TargetVerdict> Targets;
};

PaddedRecordCheck::PaddedRecordCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), MinSavingBytes(Options.get("MinSavingBytes", 1U)),
      MinSavingPercent(Options.get("MinSavingPercent", 0U)),
      IgnoredRecords(Options.get("IgnoredRecords", "")),
      SearchBudget(Options.get("SearchBudget", 200000U)),
      FixRecordsInHeaders(parseBoolOption(Options.get("FixRecordsInHeaders", "false"), false)),
      FixCLinkageRecords(parseBoolOption(Options.get("FixCLinkageRecords", "false"), false)),
      FixExportedRecords(parseBoolOption(Options.get("FixExportedRecords", "false"), false)),
      CacheLineSize(Options.get("CacheLineSize", 64U)),
      RequireSizeClassChange(parseBoolOption(Options.get("RequireSizeClassChange", "false"), false)),
      RequireCacheLineChange(parseBoolOption(Options.get("RequireCacheLineChange", "false"), false)),
      Targets(Options.get("Targets", "")) {
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
  SmallVector<StringRef, 4> Triples;
  StringRef(Targets).split(Triples, ';', -1, /*KeepEmpty=*/false);
  for (StringRef T : Triples) {
    T = T.trim();
    if (T.empty())
      continue;
    std::string Error;
    if (auto Target = layout::OtherTarget::create(T.str(), Error))
      OtherTargets.push_back(std::move(Target));
    else
      configurationDiag("invalid target '%0' in %1.Targets: %2") << T << Name << Error;
  }
}

PaddedRecordCheck::~PaddedRecordCheck() = default;

void PaddedRecordCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MinSavingBytes", MinSavingBytes);
  Options.store(Opts, "MinSavingPercent", MinSavingPercent);
  Options.store(Opts, "IgnoredRecords", IgnoredRecords);
  Options.store(Opts, "SearchBudget", SearchBudget);
  Options.store(Opts, "FixRecordsInHeaders", FixRecordsInHeaders ? "true" : "false");
  Options.store(Opts, "FixCLinkageRecords", FixCLinkageRecords ? "true" : "false");
  Options.store(Opts, "FixExportedRecords", FixExportedRecords ? "true" : "false");
  Options.store(Opts, "CacheLineSize", CacheLineSize);
  Options.store(Opts, "RequireSizeClassChange", RequireSizeClassChange ? "true" : "false");
  Options.store(Opts, "RequireCacheLineChange", RequireCacheLineChange ? "true" : "false");
  Options.store(Opts, "Targets", Targets);
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
  auto V = std::make_unique<Verdict>();
  V->Record = Record;
  V->Model = std::move(*Extracted.Model);

  layout::PaddedRecordOptions Opts;
  Opts.MinSavingBytes = MinSavingBytes;
  Opts.MinSavingPercent = MinSavingPercent;
  Opts.Search.StateBudget = SearchBudget;
  Opts.CacheLineBytes = CacheLineSize;
  Opts.PointerBytes =
      static_cast<unsigned>(Result.Context->getTargetInfo().getPointerWidth(LangAS::Default) / 8);
  Opts.RequireSizeClassChange = RequireSizeClassChange;
  Opts.RequireCacheLineChange = RequireCacheLineChange;
  // First with what the model alone decides (cache-line barriers); a record
  // that is reported is then judged again with how its source is arranged
  // (access sections, the author's groups), which only picks among orders of
  // the same size.
  layout::RecordOrderConstraints Constraints =
      layout::orderConstraintsFor(V->Model, {}, {}, CacheLineSize);
  Opts.Search.Constraints = Constraints.Required;
  V->Analysis = layout::analyzePaddedRecord(V->Model, Opts);
  if (!V->Analysis.ShouldReport)
    return;
  V->Source = layout::measureRecordSource(*Record, V->Model, *Result.Context);
  Constraints = layout::orderConstraintsFor(V->Model, V->Source.Groups, V->Source.AccessSections,
                                            CacheLineSize);
  if (!Constraints.Preferred.empty()) {
    Opts.Preferred = Constraints.Preferred;
    V->Analysis = layout::analyzePaddedRecord(V->Model, Opts);
  }
  if (!OtherTargets.empty()) {
    std::vector<layout::OtherTargetModel> Others;
    for (const auto &T : OtherTargets) {
      layout::TargetModel TM = layout::buildTargetModel(*Record, *Result.Context, *T);
      layout::OtherTargetModel O{T->triple(), std::move(TM.Model), TM.Reason};
      // What stays last here (a trailing array indexed past its end) stays
      // last there too.
      if (O.Model && O.Model->Units.size() == V->Model.Units.size())
        for (size_t U = 0; U < V->Model.Units.size(); ++U)
          if (V->Model.Units[U].K == layout::UnitSpec::Kind::FlexibleArray)
            O.Model->Units[U].K = layout::UnitSpec::Kind::FlexibleArray;
      Others.push_back(std::move(O));
    }
    const layout::OrderConstraints &Keep =
        V->Analysis.PreferenceKept >= 0 ? Opts.Preferred[V->Analysis.PreferenceKept]
                                        : Opts.Search.Constraints;
    V->Targets = layout::judgeOnTargets(V->Model, V->Analysis, Others, Opts.Search, Keep);
  }
  V->GroupsKept = Constraints.Groups.empty() ||
                  layout::satisfies(V->Model, Constraints.Groups, V->Analysis.Best.UnitOrder);

  // An instantiated class template (or a member class of one) is reported
  // once, at its template, when all instantiations of the TU are known.
  if (const CXXRecordDecl *Pattern = Class ? Class->getTemplateInstantiationPattern() : nullptr) {
    auto &Verdicts = TemplateVerdicts[Pattern];
    if (Verdicts.empty())
      TemplateOrder.push_back(Pattern);
    Verdicts.push_back(std::move(V));
    return;
  }
  RecordVerdicts.push_back(std::move(V));
}

void PaddedRecordCheck::onEndOfTranslationUnit() {
  // What gets reported: each record, and each template's most wasteful
  // instantiation (with the others as notes).
  std::vector<std::pair<Verdict *, ArrayRef<std::unique_ptr<Verdict>>>> Reports;
  for (auto &V : RecordVerdicts)
    Reports.emplace_back(V.get(), ArrayRef<std::unique_ptr<Verdict>>());
  for (const Decl *Pattern : TemplateOrder) {
    auto &Verdicts = TemplateVerdicts[Pattern];
    std::stable_sort(Verdicts.begin(), Verdicts.end(), [](const auto &A, const auto &B) {
      return A->Analysis.SavingBytes > B->Analysis.SavingBytes;
    });
    Reports.emplace_back(Verdicts.front().get(), ArrayRef(Verdicts).drop_front());
  }

  if (!Reports.empty() && Ctx) {
    const SourceManager &SM = Ctx->getSourceManager();
    llvm::SmallPtrSet<const RecordDecl *, 16> Records;
    for (auto &[V, More] : Reports)
      Records.insert(cast<RecordDecl>(V->Record->getCanonicalDecl()));
    layout::RecordUseMap Uses = layout::scanRecordUses(*Ctx, Records);

    // Evidence of instances; a field of another reported record inherits
    // that record's evidence.
    auto Evidence = [&](const Verdict &V, bool WithMembers,
                        const llvm::DenseMap<const RecordDecl *, bool> &Many) {
      std::vector<layout::InstanceEvidence> Items;
      auto It = Uses.find(cast<RecordDecl>(V.Record->getCanonicalDecl()));
      if (It == Uses.end())
        return layout::summarizeEvidence({});
      for (const layout::EvidenceUse &E : It->second.Evidence) {
        if (E.Evidence.Kind != layout::EvidenceKind::MemberOf) {
          Items.push_back(E.Evidence);
          continue;
        }
        const RecordDecl *Holder = cast<RecordDecl>(E.Holder->getCanonicalDecl());
        if (!WithMembers || !Records.count(Holder))
          continue;
        layout::InstanceEvidence Item = E.Evidence;
        auto H = Many.find(Holder);
        Item.HolderMany = H != Many.end() && H->second;
        Items.push_back(Item);
      }
      return layout::summarizeEvidence(std::move(Items));
    };
    llvm::DenseMap<const RecordDecl *, bool> Many;
    for (auto &[V, More] : Reports)
      Many[cast<RecordDecl>(V->Record->getCanonicalDecl())] = Evidence(*V, false, Many).Many;
    for (auto &[V, More] : Reports)
      V->Instances = Evidence(*V, true, Many);

    // Fix-its, in source order; one that overlaps an earlier one waits for
    // the next run.
    std::stable_sort(Reports.begin(), Reports.end(), [&](const auto &A, const auto &B) {
      return SM.isBeforeInTranslationUnit(A.first->Record->getLocation(),
                                          B.first->Record->getLocation());
    });
    layout::ReorderFixOptions FixOptions;
    FixOptions.FixRecordsInHeaders = FixRecordsInHeaders;
    FixOptions.FixCLinkageRecords = FixCLinkageRecords;
    FixOptions.FixExportedRecords = FixExportedRecords;
    std::vector<std::pair<const Verdict *, const layout::FileEdits *>> Accepted;
    for (auto &[V, More] : Reports) {
      auto It = Uses.find(cast<RecordDecl>(V->Record->getCanonicalDecl()));
      V->Fix = layout::buildReorderFix(*V->Record, V->Model, V->Source,
                                       V->Analysis.SuggestedFieldOrder,
                                       It == Uses.end() ? nullptr : &It->second, *Ctx, FixOptions);
      if (!V->Fix.offered())
        continue;
      for (const layout::FileEdits &Mine : V->Fix.Edits)
        for (auto &[Other, Theirs] : Accepted)
          if (Theirs->File == Mine.File && layout::editsOverlap(Theirs->Edits, Mine.Edits) &&
              !V->Fix.Refusal)
            V->Fix.Refusal = {layout::FixRefusal::OverlapsOtherFix, Other->Model.Name};
      if (V->Fix.Refusal) {
        V->Fix.Edits.clear();
        continue;
      }
      for (const layout::FileEdits &Mine : V->Fix.Edits)
        Accepted.emplace_back(V, &Mine);
    }
    for (auto &[V, More] : Reports)
      report(*V, More);
  }
  RecordVerdicts.clear();
  TemplateVerdicts.clear();
  TemplateOrder.clear();
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

void PaddedRecordCheck::report(Verdict &V,
                               llvm::ArrayRef<std::unique_ptr<Verdict>> MoreInstantiations) {
  const RecordDecl &Record = *V.Record;
  const SourceManager &SM = Ctx->getSourceManager();
  const auto *Class = dyn_cast<CXXRecordDecl>(&Record);
  const CXXRecordDecl *Pattern = Class ? Class->getTemplateInstantiationPattern() : nullptr;
  SourceLocation Loc = Pattern ? Pattern->getLocation() : Record.getLocation();
  // The warning says only what every translation unit that sees the record
  // says alike, so that the copies of a header's record are one finding; the
  // instances this unit makes are a note.
  std::string Message = layout::formatPaddedRecordMessage(V.Model, V.Analysis);
  {
    DiagnosticBuilder Warning = diag(Loc, verbatim(Message));
    for (const layout::FileEdits &F : V.Fix.Edits)
      for (const layout::TextEdit &E : F.Edits) {
        SourceLocation At = SM.getComposedLoc(F.File, E.Offset);
        if (E.Length == 0)
          Warning << FixItHint::CreateInsertion(At, E.Text);
        else
          Warning << FixItHint::CreateReplacement(
              CharSourceRange::getCharRange(At, At.getLocWithOffset(E.Length)), E.Text);
      }
  }

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
  if (std::string Evidence = layout::formatEvidence(V.Instances); !Evidence.empty())
    diag(Loc, verbatim(Evidence), DiagnosticIDs::Note);
  for (const auto &Other : MoreInstantiations)
    diag(Loc, verbatim("also " + layout::formatPaddedRecordMessage(Other->Model, Other->Analysis)),
         DiagnosticIDs::Note);
  if (std::string Lines = layout::formatCacheLineNote(V.Analysis, CacheLineSize); !Lines.empty())
    diag(Loc, Lines, DiagnosticIDs::Note);
  for (const layout::TargetVerdict &T : V.Targets)
    diag(Loc, layout::formatTargetNote(T), DiagnosticIDs::Note);
  if (std::string Chunk = layout::formatMallocChunkNote(V.Analysis);
      !Chunk.empty() && V.Instances.Many)
    diag(Loc, Chunk, DiagnosticIDs::Note);
  if (V.Fix.Refusal) {
    // At the macro invocation, not inside the macro: one note, no backtrace.
    SourceLocation At = V.Fix.RefusalLoc.isValid() ? SM.getExpansionLoc(V.Fix.RefusalLoc) : Loc;
    diag(At, verbatim(layout::formatRefusalNote(V.Fix.Refusal)), DiagnosticIDs::Note);
  }

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
  llvm::json::Value Refusal = nullptr;
  if (V.Fix.Refusal)
    Refusal = llvm::json::Object{{"code", layout::refusalCode(V.Fix.Refusal.Kind)},
                                 {"message", layout::formatRefusalNote(V.Fix.Refusal)}};
  Details["fixIt"] = llvm::json::Object{
      {"offered", V.Fix.offered()},
      {"refusal", std::move(Refusal)},
      {"groupsKept", V.GroupsKept},
  };
  llvm::json::Array Evidence;
  for (const layout::InstanceEvidence &E : V.Instances.Items) {
    static const char *const Kinds[] = {"array",       "container",     "array-new", "new-in-loop",
                                        "alloc-array", "alloc-in-loop", "member-of"};
    Evidence.push_back(llvm::json::Object{{"kind", Kinds[static_cast<int>(E.Kind)]},
                                          {"name", E.Name},
                                          {"container", E.Container},
                                          {"count", E.Count},
                                          {"line", E.Line}});
  }
  if (!V.Targets.empty()) {
    llvm::json::Array Targets;
    for (const layout::TargetVerdict &T : V.Targets) {
      llvm::json::Object O{{"target", T.Target}, {"judged", T.Judged}};
      if (T.Judged) {
        O["size"] = T.SizeBytes;
        O["optimalSize"] = T.OptimalBytes;
        O["suggestedSize"] = T.SuggestedBytes;
      } else {
        O["reason"] = T.Reason;
      }
      Targets.push_back(std::move(O));
    }
    Details["targets"] = std::move(Targets);
  }
  Details["instances"] = llvm::json::Object{
      {"many", V.Instances.Many},
      {"arrayInstances", V.Instances.ArrayInstances},
      {"evidence", std::move(Evidence)},
      {"rankScore", layout::rankScore(V.Analysis.SavingBytes, V.Instances)},
  };

  findings::DetailsKey Key = detailsKeyAt(SM, Loc, getID(), Message);
  Sink->add(std::move(Key), std::move(Details));
}

} // namespace tightfit
