//===- HtmlRenderer.cpp - findings as a self-contained HTML report --------===//
//
// See HtmlRenderer.h. The byte maps come from RecordByteMap; this file only
// draws them: one row of 64 one-byte cells per cache line.
//
//===----------------------------------------------------------------------===//
#include "lib/findings/HtmlRenderer.h"

#include "lib/findings/RecordByteMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Path.h"
#include <fmt/format.h>
#include <map>
#include <string>

namespace tightfit::findings {
namespace {

constexpr uint64_t CacheLineBytes = 64;
constexpr uint64_t MaxDrawnBytes = 64 * CacheLineBytes;
constexpr unsigned CellWidth = 8, RowHeight = 24, RowGap = 8, LabelWidth = 44, TopMargin = 6;

std::string escape(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text) {
    switch (C) {
    case '&': Out += "&amp;"; break;
    case '<': Out += "&lt;"; break;
    case '>': Out += "&gt;"; break;
    case '"': Out += "&quot;"; break;
    case '\'': Out += "&#39;"; break;
    default: Out += C;
    }
  }
  return Out;
}

std::string plural(uint64_t Count, llvm::StringRef One, llvm::StringRef Many) {
  return fmt::format("{} {}", Count, Count == 1 ? One.str() : Many.str());
}

/// The directory all reported files share, to show shorter names.
std::string commonDirectory(const FindingsReport &Report) {
  std::optional<std::string> Common;
  for (const Finding &F : Report.Findings) {
    if (F.File.empty())
      continue;
    llvm::StringRef Dir = llvm::sys::path::parent_path(F.File);
    if (!Common) {
      Common = Dir.str();
      continue;
    }
    while (!Common->empty() && !(Dir == *Common || Dir.starts_with(*Common + "/")))
      *Common = llvm::sys::path::parent_path(*Common).str();
  }
  return Common.value_or("");
}

class HtmlWriter {
public:
  HtmlWriter(const FindingsReport &Report, const RunInfo &Run, llvm::raw_ostream &OS)
      : Report(Report), Run(Run), OS(OS), Totals(computeTotals(Report)),
        Root(commonDirectory(Report)) {}

  void write() {
    OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<title>tightfit report</title>\n<style>\n" << Style << "</style>\n</head>\n<body>\n";
    writePatterns();
    writeSummary();
    writeChecks();
    writeRecords();
    writeFiles();
    writeFindings();
    OS << "<script>\n" << Script << "</script>\n</body>\n</html>\n";
  }

private:
  std::string shortName(llvm::StringRef File) const {
    if (!Root.empty() && File.starts_with(Root + "/"))
      return File.drop_front(Root.size() + 1).str();
    return File.str();
  }
  std::string location(const Finding &F) const {
    return F.File.empty() ? "(no location)"
                          : fmt::format("{}:{}:{}", shortName(F.File), F.Line, F.Column);
  }

  void writePatterns() {
    // Shared by every drawing: the shading of padding and the byte ticks.
    OS << "<svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\"><defs>"
       << "<pattern id=\"tf-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
          "patternTransform=\"rotate(45)\"><rect width=\"2\" height=\"6\" fill=\"#ffffff\" "
          "fill-opacity=\"0.45\"/></pattern>"
       << fmt::format("<pattern id=\"tf-bytes\" x=\"{}\" width=\"{}\" height=\"{}\" "
                      "patternUnits=\"userSpaceOnUse\"><rect x=\"{}\" width=\"1\" height=\"{}\" "
                      "fill=\"#ffffff\" fill-opacity=\"0.7\"/></pattern>",
                      LabelWidth, CellWidth, RowHeight + RowGap, CellWidth - 1,
                      RowHeight + RowGap)
       << "</defs></svg>\n";
  }

  void writeSummary() {
    OS << "<header>\n<h1>tightfit report</h1>\n<p class=\"root\">tightfit "
       << escape(Run.ToolVersion) << "</p>\n<p class=\"summary\">"
       << escape(plural(Report.TranslationUnits, "translation unit", "translation units"))
       << fmt::format(" ({} failed) &middot; ", Report.FailedTranslationUnits)
       << escape(plural(Report.Findings.size(), "finding", "findings"));
    if (Report.Baselined)
      OS << fmt::format(" (and {} in the baseline)", Report.Baselined);
    OS << fmt::format(" &middot; the suggested layouts save {} per instance",
                      escape(plural(Totals.LayoutSavingBytes, "byte", "bytes")));
    if (Totals.LayoutFixSavingBytes)
      OS << fmt::format(", {} of them with fix-its", Totals.LayoutFixSavingBytes);
    OS << "</p>\n";
    if (!Root.empty())
      OS << "<p class=\"root\">Files below <code>" << escape(Root) << "</code></p>\n";
    for (const std::string &File : Report.FailedFiles)
      OS << "<p class=\"failed\">Did not compile: <code>" << escape(File) << "</code></p>\n";
    OS << "</header>\n";
  }

  void writeChecks() {
    OS << "<section id=\"checks\">\n<h2>Findings per check</h2>\n"
       << "<table class=\"sortable\"><thead><tr><th>check</th><th>findings</th>"
          "<th>bytes saved per instance</th><th>finds</th></tr></thead><tbody>\n";
    std::map<std::string, uint64_t> Saving;
    for (const Finding &F : Report.Findings)
      Saving[F.Check] += layoutSavingBytes(F);
    for (const auto &[Check, Count] : Totals.FindingsByCheck) {
      auto Rule = llvm::find_if(Run.Rules, [&](const RuleInfo &R) { return R.Id == Check; });
      OS << fmt::format("<tr><td>{}</td><td data-sort=\"{}\">{}</td><td data-sort=\"{}\">{}</td>"
                        "<td>{}</td></tr>\n",
                        escape(Check), Count, Count, Saving[Check], Saving[Check],
                        escape(Rule == Run.Rules.end() ? "" : Rule->Summary));
    }
    OS << "</tbody></table>\n</section>\n";
  }

  void writeRecords() {
    bool Any = false;
    for (size_t I = 0; I < Report.Findings.size(); ++I) {
      const Finding &F = Report.Findings[I];
      if (F.Check != "tightfit-padded-record" || !F.Details)
        continue;
      if (!Any)
        OS << "<section id=\"records\">\n<h2>Records</h2>\n";
      Any = true;
      writeRecord(I, F, *F.Details);
    }
    if (Any)
      OS << "</section>\n";
  }

  void writeRecord(size_t Index, const Finding &F, const llvm::json::Object &Details) {
    std::string Name = Details.getString("record").value_or("(record)").str();
    OS << fmt::format("<article class=\"record\" id=\"finding-{}\">\n<h3>{} <span class=\"loc\">"
                      "{}</span></h3>\n<p class=\"message\">{}</p>\n",
                      Index, escape(Name), escape(location(F)), escape(F.Message));
    std::optional<RecordByteMap> Now = currentByteMap(Details);
    std::optional<RecordByteMap> Suggested = suggestedByteMap(Details);
    const llvm::json::Array *Fields = Details.getArray("fields");
    if (!Now || !Fields) {
      OS << "<p class=\"nomap\">The report's details do not describe this layout completely; "
            "it is not drawn.</p>\n</article>\n";
      return;
    }
    uint64_t Padding = Details.getInteger("padding").value_or(0);
    OS << "<div class=\"maps\">\n";
    writeMap(*Now, *Fields,
             fmt::format("now: {}, {} of padding", plural(Now->SizeBytes, "byte", "bytes"),
                         plural(Padding, "byte", "bytes")));
    if (Suggested)
      writeMap(*Suggested, *Fields,
               fmt::format("suggested: {}", plural(Suggested->SizeBytes, "byte", "bytes")));
    else
      OS << "<figure class=\"nomap\"><figcaption>suggested: "
         << escape(plural(Details.getInteger("optimalSize").value_or(0), "byte", "bytes"))
         << "</figcaption><p>The offsets of the suggested order cannot be derived exactly from "
            "the report, so it is not drawn.</p></figure>\n";
    OS << "</div>\n";
    writeLegend(*Now, Suggested, *Fields);
    OS << "</article>\n";
  }

  static std::string fieldName(const llvm::json::Array &Fields, unsigned Index) {
    if (Index >= Fields.size() || !Fields[Index].getAsObject())
      return "?";
    return Fields[Index].getAsObject()->getString("displayName").value_or("?").str();
  }

  void writeMap(const RecordByteMap &Map, const llvm::json::Array &Fields,
                const std::string &Caption) {
    uint64_t Drawn = std::min(Map.SizeBytes, MaxDrawnBytes);
    uint64_t Rows = std::max<uint64_t>(1, (Drawn + CacheLineBytes - 1) / CacheLineBytes);
    unsigned Width = LabelWidth + CacheLineBytes * CellWidth + 4;
    unsigned Height = TopMargin + Rows * (RowHeight + RowGap);
    auto RowTop = [](uint64_t Row) { return TopMargin + Row * (RowHeight + RowGap); };
    OS << "<figure><figcaption>" << escape(Caption);
    if (Drawn < Map.SizeBytes)
      OS << fmt::format(" (the first {} bytes are drawn)", Drawn);
    OS << fmt::format("</figcaption>\n<svg class=\"bytemap\" width=\"{0}\" height=\"{1}\" "
                      "viewBox=\"0 0 {0} {1}\" role=\"img\">\n",
                      Width, Height);
    for (uint64_t Row = 0; Row < Rows; ++Row)
      OS << fmt::format("<text class=\"offset\" x=\"{}\" y=\"{}\">+{}</text>\n", LabelWidth - 6,
                        RowTop(Row) + RowHeight / 2 + 4, Row * CacheLineBytes);
    for (const ByteRun &R : Map.Runs) {
      std::string Fill, Title;
      bool Shaded = false;
      switch (R.K) {
      case ByteRun::Kind::Field:
        Fill = HtmlColors::Fields[R.FieldIndex % std::size(HtmlColors::Fields)].str();
        Title = fieldName(Fields, R.FieldIndex);
        break;
      case ByteRun::Kind::Padding:
        Fill = HtmlColors::Padding.str();
        Title = "padding";
        Shaded = true;
        break;
      case ByteRun::Kind::Tail:
        Fill = HtmlColors::Padding.str();
        Title = "tail padding";
        Shaded = true;
        break;
      case ByteRun::Kind::Other:
        Fill = HtmlColors::Other.str();
        Title = "bases / vtable pointer";
        break;
      }
      // One rectangle per cache line the run touches.
      for (uint64_t Begin = R.Begin; Begin < std::min(R.End, Drawn);) {
        uint64_t Row = Begin / CacheLineBytes;
        uint64_t End = std::min({R.End, Drawn, (Row + 1) * CacheLineBytes});
        unsigned X = LabelWidth + (Begin - Row * CacheLineBytes) * CellWidth;
        unsigned W = (End - Begin) * CellWidth;
        OS << fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\">"
                          "<title>{} [{}, {})</title></rect>\n",
                          X, RowTop(Row), W, RowHeight, Fill, escape(Title), Begin, End);
        if (Shaded)
          OS << fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
                            "fill=\"url(#tf-hatch)\"/>\n",
                            X, RowTop(Row), W, RowHeight);
        if (R.K == ByteRun::Kind::Field && W >= 7 * Title.size() + 8)
          OS << fmt::format("<text class=\"field\" x=\"{}\" y=\"{}\">{}</text>\n", X + W / 2,
                            RowTop(Row) + RowHeight / 2 + 4, escape(Title));
        Begin = End;
      }
    }
    // Byte ticks over the drawn bytes.
    for (uint64_t Row = 0; Row < Rows; ++Row) {
      uint64_t Bytes = std::min(CacheLineBytes, Drawn - Row * CacheLineBytes);
      OS << fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
                        "fill=\"url(#tf-bytes)\"/>\n",
                        LabelWidth, RowTop(Row), Bytes * CellWidth, RowHeight);
    }
    // A line at each cache-line boundary inside the record.
    for (uint64_t Row = 1; Row < Rows; ++Row) {
      unsigned Y = RowTop(Row) - RowGap / 2;
      OS << fmt::format("<line class=\"cacheline\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" "
                        "stroke=\"{}\" stroke-width=\"3\"><title>cache-line boundary at byte {}"
                        "</title></line>\n",
                        LabelWidth - 4, Y, LabelWidth + CacheLineBytes * CellWidth, Y,
                        HtmlColors::CacheLine.str(), Row * CacheLineBytes);
    }
    OS << "</svg>\n</figure>\n";
  }

  void writeLegend(const RecordByteMap &Now, const std::optional<RecordByteMap> &Suggested,
                   const llvm::json::Array &Fields) {
    auto FirstByte = [](const RecordByteMap &Map, unsigned Field) -> std::optional<uint64_t> {
      for (const ByteRun &R : Map.Runs)
        if (R.K == ByteRun::Kind::Field && R.FieldIndex == Field)
          return R.Begin;
      return std::nullopt;
    };
    OS << "<table class=\"legend\"><thead><tr><th></th><th>field</th><th>size</th>"
          "<th>offset now</th><th>offset suggested</th></tr></thead><tbody>\n";
    for (unsigned I = 0; I < Fields.size(); ++I) {
      const llvm::json::Object *Field = Fields[I].getAsObject();
      if (!Field)
        continue;
      int64_t Bits = Field->getInteger("sizeBits").value_or(0);
      std::string Size = Field->getBoolean("bitField").value_or(false)
                             ? plural(Bits, "bit", "bits")
                             : plural(Bits / 8, "byte", "bytes");
      std::optional<uint64_t> At = FirstByte(Now, I);
      std::optional<uint64_t> Then = Suggested ? FirstByte(*Suggested, I) : std::nullopt;
      OS << fmt::format("<tr><td><span class=\"swatch\" style=\"background:{}\"></span></td>"
                        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                        HtmlColors::Fields[I % std::size(HtmlColors::Fields)].str(),
                        escape(fieldName(Fields, I)), escape(Size),
                        At ? std::to_string(*At) : "", Then ? std::to_string(*Then) : "");
    }
    OS << "</tbody></table>\n";
  }

  void writeFiles() {
    OS << "<section id=\"files\">\n<h2>Findings per file</h2>\n"
       << "<table class=\"sortable\"><thead><tr><th>file</th><th>findings</th>"
          "<th>bytes saved per instance</th></tr></thead><tbody>\n";
    for (const auto &[File, Count] : Totals.FindingsByFile) {
      uint64_t Saving = Totals.LayoutSavingBytesByFile.count(File)
                            ? Totals.LayoutSavingBytesByFile.at(File)
                            : 0;
      OS << fmt::format("<tr><td>{}</td><td data-sort=\"{}\">{}</td><td data-sort=\"{}\">{}</td>"
                        "</tr>\n",
                        escape(shortName(File)), Count, Count, Saving, Saving);
    }
    OS << "</tbody></table>\n</section>\n";
  }

  void writeFindings() {
    OS << "<section id=\"findings\">\n<h2>All findings</h2>\n"
       << "<table class=\"sortable\"><thead><tr><th>check</th><th>severity</th>"
          "<th>location</th><th>message</th><th>bytes saved</th><th>fix-it</th></tr></thead>"
          "<tbody>\n";
    for (size_t I = 0; I < Report.Findings.size(); ++I) {
      const Finding &F = Report.Findings[I];
      uint64_t Saving = layoutSavingBytes(F);
      std::string Fix = F.Fix.empty() ? "" : F.FixRefusal.empty() ? "yes" : "refused";
      OS << fmt::format("<tr><td>{}</td><td>{}</td><td data-sort=\"{}\">{}</td><td>{}</td>"
                        "<td data-sort=\"{}\">{}</td><td title=\"{}\">{}</td></tr>\n",
                        escape(F.Check), severityName(F.Level).str(),
                        escape(fmt::format("{}:{:08}", F.File, F.Line)), escape(location(F)),
                        escape(F.Message), Saving, Saving ? std::to_string(Saving) : "",
                        escape(F.FixRefusal), Fix);
    }
    OS << "</tbody></table>\n</section>\n";
  }

  static constexpr const char *Style = R"(body { font: 14px/1.4 sans-serif; margin: 16px 24px; color: #1b1b1b; background: #ffffff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 24px 0 8px; border-bottom: 1px solid #dddddd; }
h3 { font-size: 15px; margin: 0 0 4px; }
.loc, .root { color: #555555; font-weight: normal; font-size: 13px; }
.failed { color: #a00000; }
.record { border: 1px solid #dddddd; border-radius: 4px; padding: 8px 12px; margin: 12px 0; }
.maps { display: flex; flex-wrap: wrap; gap: 24px; }
figure { margin: 4px 0; }
figcaption { font-size: 13px; color: #333333; margin-bottom: 2px; }
svg.bytemap text.offset { font: 11px monospace; fill: #555555; text-anchor: end; }
svg.bytemap text.field { font: 11px sans-serif; fill: #111111; text-anchor: middle; }
table { border-collapse: collapse; margin: 4px 0; }
th, td { border: 1px solid #dddddd; padding: 2px 8px; text-align: left; vertical-align: top; }
table.sortable th { cursor: pointer; background: #f3f3f3; }
th[aria-sort=ascending]::after { content: " \25B2"; }
th[aria-sort=descending]::after { content: " \25BC"; }
.swatch { display: inline-block; width: 14px; height: 14px; vertical-align: middle; }
.nomap { color: #555555; }
)";

  static constexpr const char *Script = R"(document.querySelectorAll('table.sortable th').forEach(function (th) {
  th.addEventListener('click', function () {
    var table = th.closest('table'), body = table.tBodies[0], column = th.cellIndex;
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var key = function (row) {
      var cell = row.cells[column];
      return cell.getAttribute('data-sort') || cell.textContent;
    };
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a), y = key(b), nx = Number(x), ny = Number(y);
      var order = (x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
});
)";

  const FindingsReport &Report;
  const RunInfo &Run;
  llvm::raw_ostream &OS;
  ReportTotals Totals;
  std::string Root;
};

} // namespace

void renderHtml(const FindingsReport &Report, const RunInfo &Run, llvm::raw_ostream &OS) {
  HtmlWriter(Report, Run, OS).write();
}

} // namespace tightfit::findings
