//===- JsonRenderer.cpp - findings as a JSON document ---------------------===//
//
// See JsonRenderer.h. Written with llvm::json::OStream so the keys come out in
// the documented order rather than sorted.
//
//===----------------------------------------------------------------------===//
#include "lib/findings/JsonRenderer.h"

#include "llvm/Support/JSON.h"

namespace tightfit::findings {

/// The report format's version; bumped when a field changes meaning or goes.
static constexpr int ReportFormatVersion = 1;

static void writeNote(llvm::json::OStream &J, const FindingNote &N) {
  J.object([&] {
    J.attribute("file", N.File);
    J.attribute("line", N.Line);
    J.attribute("column", N.Column);
    J.attribute("message", N.Message);
  });
}

static void writeFinding(llvm::json::OStream &J, const Finding &F) {
  J.object([&] {
    J.attribute("check", F.Check);
    J.attribute("severity", severityName(F.Level));
    J.attribute("file", F.File);
    J.attribute("line", F.Line);
    J.attribute("column", F.Column);
    J.attribute("offset", F.Offset);
    J.attribute("message", F.Message);
    J.attributeArray("notes", [&] {
      for (const FindingNote &N : F.Notes)
        writeNote(J, N);
    });
    if (F.Details)
      J.attribute("details", llvm::json::Object(*F.Details));
    if (!F.Fix.empty())
      J.attributeObject("fix", [&] {
        J.attribute("applicable", F.FixRefusal.empty());
        if (!F.FixRefusal.empty())
          J.attribute("reason", F.FixRefusal);
        J.attributeArray("edits", [&] {
          for (const FixEdit &E : F.Fix)
            J.object([&] {
              J.attribute("file", E.File);
              J.attribute("offset", E.Offset);
              J.attribute("length", E.Length);
              J.attribute("text", E.Text);
            });
        });
      });
  });
}

void renderJson(const FindingsReport &Report, llvm::raw_ostream &OS) {
  ReportTotals Totals = computeTotals(Report);
  llvm::json::OStream J(OS, /*IndentSize=*/2);
  J.object([&] {
    J.attribute("version", ReportFormatVersion);
    J.attribute("tool", "tightfit");
    J.attributeArray("findings", [&] {
      for (const Finding &F : Report.Findings)
        writeFinding(J, F);
    });
    J.attributeObject("summary", [&] {
      J.attribute("translationUnits", Report.TranslationUnits);
      J.attribute("failed", Report.FailedTranslationUnits);
      J.attribute("findings", Report.Findings.size());
      J.attribute("baselined", Report.Baselined);
      J.attributeObject("findingsByCheck", [&] {
        for (const auto &[Check, Count] : Totals.FindingsByCheck)
          J.attribute(Check, Count);
      });
      J.attribute("layoutSavingBytes", Totals.LayoutSavingBytes);
      J.attribute("layoutFixSavingBytes", Totals.LayoutFixSavingBytes);
      J.attribute("fixesApplicable", Totals.FixesApplicable);
      J.attribute("fixesRefused", Totals.FixesRefused);
      J.attributeArray("failedFiles", [&] {
        for (const std::string &File : Report.FailedFiles)
          J.value(File);
      });
    });
  });
  OS << "\n";
}

} // namespace tightfit::findings
