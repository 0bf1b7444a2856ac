//===- ViewParameterCheck.cpp - tightfit-view-parameter -------------------===//
#include "checks/ViewParameterCheck.h"
#include "checks/BoolOption.h"
#include "checks/DiagnosticText.h"
#include "checks/DetailsKey.h"
#include "lib/erasure/LibraryDetection.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace tightfit {

namespace {

/// Records, per file, the headers it includes and its first #include outside
/// conditional blocks (the include guard's block excepted), where a missing
/// view header can be added.
class IncludeRecorder : public PPCallbacks {
public:
  IncludeRecorder(const SourceManager &SM, views::IncludeMap &Map) : SM(SM), Map(Map) {}

  void InclusionDirective(SourceLocation HashLoc, const Token &, StringRef FileName,
                          bool IsAngled, CharSourceRange, OptionalFileEntryRef, StringRef,
                          StringRef, const Module *, bool, SrcMgr::CharacteristicKind) override {
    FileID FID = SM.getFileID(HashLoc);
    State &S = Files[FID];
    std::string Spelled = IsAngled ? "<" + FileName.str() + ">" : "\"" + FileName.str() + "\"";
    Map.Included[FID].insert(Spelled);
    bool TopLevel = S.Depth == 0 || (S.Depth == 1 && S.GuardOpen);
    if (TopLevel && !Map.FirstInclude.count(FID))
      Map.FirstInclude[FID] = HashLoc;
    S.Seen = true;
  }
  void Ifndef(SourceLocation Loc, const Token &, const MacroDefinition &) override {
    open(Loc, /*MayBeGuard=*/true);
  }
  void Ifdef(SourceLocation Loc, const Token &, const MacroDefinition &) override {
    open(Loc, false);
  }
  void If(SourceLocation Loc, SourceRange, ConditionValueKind) override { open(Loc, false); }
  void Endif(SourceLocation Loc, SourceLocation) override {
    State &S = Files[SM.getFileID(Loc)];
    if (S.Depth > 0 && --S.Depth == 0)
      S.GuardOpen = false;
  }
  void MacroDefined(const Token &Tok, const MacroDirective *) override {
    if (Tok.getLocation().isFileID())
      Files[SM.getFileID(Tok.getLocation())].Seen = true;
  }

private:
  struct State {
    unsigned Depth = 0;
    bool Seen = false;      ///< A directive came before.
    bool GuardOpen = false; ///< The outermost block is the file's first directive, an #ifndef.
  };
  void open(SourceLocation Loc, bool MayBeGuard) {
    State &S = Files[SM.getFileID(Loc)];
    if (S.Depth == 0 && MayBeGuard && !S.Seen)
      S.GuardOpen = true;
    ++S.Depth;
    S.Seen = true;
  }
  const SourceManager &SM;
  views::IncludeMap &Map;
  llvm::DenseMap<FileID, State> Files;
};

} // namespace

ViewParameterCheck::ViewParameterCheck(StringRef Name, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      StringViewType(Options.get("StringViewType", "std::string_view")),
      SpanType(Options.get("SpanType", "std::span<const %T>")),
      StringViewHeader(Options.get("StringViewHeader", "<string_view>")),
      SpanHeader(Options.get("SpanHeader", "<span>")),
      FixHeaderDeclarations(parseBoolOption(Options.get("FixHeaderDeclarations", "false"), false)),
      MinPriority(Options.get("MinPriority", "low")) {
  if (std::optional<views::Priority> P = views::parsePriority(MinPriority))
    Threshold = *P;
  else
    configurationDiag("invalid value '%0' for %1.MinPriority: expected low, medium or high")
        << MinPriority << Name;
}

void ViewParameterCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "StringViewType", StringViewType);
  Options.store(Opts, "SpanType", SpanType);
  Options.store(Opts, "StringViewHeader", StringViewHeader);
  Options.store(Opts, "SpanHeader", SpanHeader);
  Options.store(Opts, "FixHeaderDeclarations", FixHeaderDeclarations ? "true" : "false");
  Options.store(Opts, "MinPriority", MinPriority);
}

void ViewParameterCheck::registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                                             Preprocessor *) {
  Includes.FirstInclude.clear();
  Includes.Included.clear();
  this->PP = PP;
  PP->addPPCallbacks(std::make_unique<IncludeRecorder>(SM, Includes));
}

void ViewParameterCheck::registerMatchers(MatchFinder *Finder) {
  // The analysis needs the whole translation unit (every caller, every
  // overload), so it runs once, on the translation unit.
  Finder->addMatcher(translationUnitDecl().bind("tu"), this);
}

void ViewParameterCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  views::ViewParameterOptions Opts;
  Opts.StringView = views::ViewSpelling::parse(StringViewType);
  Opts.Span = views::ViewSpelling::parse(SpanType);
  Opts.StringViewHeader = StringViewHeader;
  Opts.SpanHeader = SpanHeader;
  Opts.FixHeaderDeclarations = FixHeaderDeclarations;
  Opts.MinPriority = Threshold;
  if (PP)
    if (std::optional<erasure::LibraryId> Lib = erasure::detectLibrary(*PP).Library)
      Opts.Library = Lib->Family;
  views::ViewParameterAnalysis Analysis(Ctx, Opts, &Includes);
  for (const views::ViewParameterFinding &F : Analysis.findAll())
    report(F, Ctx);
}

void ViewParameterCheck::report(const views::ViewParameterFinding &F, ASTContext &Ctx) {
  std::string Message = views::formatViewParameterMessage(F.Facts, F.Tally);
  SourceLocation Loc = F.Param->getLocation();
  {
    auto D = diag(Loc, verbatim(Message));
    for (const views::SourceEdit &E : F.Edits) {
      if (E.Range.getBegin() == E.Range.getEnd() && E.Range.isCharRange())
        D << FixItHint::CreateInsertion(E.Range.getBegin(), E.Text);
      else
        D << FixItHint::CreateReplacement(E.Range, E.Text);
    }
  }
  for (const auto &[At, Note] : F.Notes)
    diag(At, verbatim(Note), DiagnosticIDs::Note);
  if (!F.Facts.FixIt)
    diag(Loc, verbatim("no fix-it: " + F.Facts.FixWithheld +
                       (F.Facts.FixWithheld == "declared in a header"
                            ? " (callers in other files are not seen; FixHeaderDeclarations "
                              "enables it)"
                            : "")),
         DiagnosticIDs::Note);

  findings::DetailsSink *Sink = findings::currentDetailsSink();
  if (!Sink)
    return;
  Sink->add(detailsKeyAt(Ctx.getSourceManager(), Loc, getID(), Message),
            views::viewParameterDetails(F.Facts, F.Tally));
}

} // namespace tightfit
