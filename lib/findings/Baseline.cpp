//===- Baseline.cpp - findings a project has accepted ---------------------===//
//
// See Baseline.h for the format and the matching rules.
//
//===----------------------------------------------------------------------===//
#include "lib/findings/Baseline.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <map>
#include <tuple>

namespace tightfit::findings {

static constexpr int BaselineFormatVersion = 1;

static llvm::Error baselineError(llvm::StringRef Name, const llvm::Twine &Problem) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "invalid baseline '" + Name + "': " + Problem);
}

llvm::Expected<Baseline> parseBaseline(llvm::StringRef Text, llvm::StringRef Name) {
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Text);
  if (!Parsed)
    return baselineError(Name, llvm::toString(Parsed.takeError()));
  const llvm::json::Object *Root = Parsed->getAsObject();
  if (!Root)
    return baselineError(Name, "not a JSON object");
  if (Root->getInteger("version") != BaselineFormatVersion)
    return baselineError(Name, "unknown version (expected \"version\": 1)");
  const llvm::json::Array *Entries = Root->getArray("baseline");
  if (!Entries)
    return baselineError(Name, "no \"baseline\" array");
  Baseline B;
  for (size_t I = 0; I < Entries->size(); ++I) {
    const llvm::json::Object *Entry = (*Entries)[I].getAsObject();
    std::optional<llvm::StringRef> Check, File, Message, Context;
    std::optional<int64_t> Line;
    if (Entry) {
      Check = Entry->getString("check");
      File = Entry->getString("file");
      Message = Entry->getString("message");
      Context = Entry->getString("context");
      Line = Entry->getInteger("line");
    }
    if (!Check || !File || !Message || !Context || !Line || *Line < 0)
      return baselineError(Name, "entry " + llvm::Twine(I) +
                                     " needs \"check\", \"file\", \"line\", \"message\" and "
                                     "\"context\"");
    B.Entries.push_back(
        {Check->str(), File->str(), unsigned(*Line), Message->str(), Context->str()});
  }
  return B;
}

std::string baselinePath(llvm::StringRef File, llvm::StringRef BaselineDirectory) {
  llvm::SmallString<256> Prefix(BaselineDirectory);
  if (!Prefix.empty() && !Prefix.ends_with("/"))
    Prefix += "/";
  if (!Prefix.empty() && File.starts_with(Prefix))
    return File.drop_front(Prefix.size()).str();
  return File.str();
}

std::string lineContext(llvm::StringRef File, unsigned Line) {
  auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer || Line == 0)
    return "";
  llvm::StringRef Rest = (*Buffer)->getBuffer();
  for (unsigned I = 1; I < Line && !Rest.empty(); ++I)
    Rest = Rest.split('\n').second;
  llvm::StringRef Text = Rest.split('\n').first;
  // Blanks do not make a line another line.
  llvm::SmallVector<llvm::StringRef> Words;
  llvm::SplitString(Text, Words, " \t\r\v\f");
  return llvm::join(Words, " ");
}

Baseline makeBaseline(llvm::ArrayRef<Finding> Findings, llvm::StringRef BaselineDirectory) {
  Baseline B;
  for (const Finding &F : Findings)
    B.Entries.push_back({F.Check, baselinePath(F.File, BaselineDirectory), F.Line, F.Message,
                         lineContext(F.File, F.Line)});
  llvm::sort(B.Entries, [](const BaselineEntry &L, const BaselineEntry &R) {
    return std::tie(L.File, L.Line, L.Check, L.Message) <
           std::tie(R.File, R.Line, R.Check, R.Message);
  });
  return B;
}

void renderBaseline(const Baseline &B, llvm::raw_ostream &OS) {
  llvm::json::OStream J(OS, /*IndentSize=*/2);
  J.object([&] {
    J.attribute("version", BaselineFormatVersion);
    J.attribute("tool", "tightfit");
    J.attributeArray("baseline", [&] {
      for (const BaselineEntry &E : B.Entries)
        J.object([&] {
          J.attribute("check", E.Check);
          J.attribute("file", E.File);
          J.attribute("line", E.Line);
          J.attribute("message", E.Message);
          J.attribute("context", E.Context);
        });
    });
  });
  OS << "\n";
}

unsigned applyBaseline(std::vector<Finding> &Findings, const Baseline &B,
                       llvm::StringRef BaselineDirectory) {
  struct Candidate {
    std::string File, Context;
  };
  std::vector<Candidate> Seen;
  for (const Finding &F : Findings)
    Seen.push_back({baselinePath(F.File, BaselineDirectory), lineContext(F.File, F.Line)});

  std::vector<bool> EntryUsed(B.Entries.size()), Matched(Findings.size());
  auto MatchPass = [&](bool CompareContext) {
    // Every pair that may match, nearest lines first, taken greedily.
    std::map<std::tuple<llvm::StringRef, llvm::StringRef, llvm::StringRef>, std::vector<size_t>>
        Index;
    for (size_t E = 0; E < B.Entries.size(); ++E)
      if (!EntryUsed[E])
        Index[{B.Entries[E].Check, B.Entries[E].File, B.Entries[E].Message}].push_back(E);
    std::vector<std::tuple<int64_t, size_t, size_t>> Pairs; // distance, finding, entry
    for (size_t I = 0; I < Findings.size(); ++I) {
      if (Matched[I])
        continue;
      auto It = Index.find({Findings[I].Check, Seen[I].File, Findings[I].Message});
      if (It == Index.end())
        continue;
      for (size_t E : It->second)
        if (!CompareContext || B.Entries[E].Context == Seen[I].Context)
          Pairs.emplace_back(std::abs(int64_t(B.Entries[E].Line) - int64_t(Findings[I].Line)), I,
                             E);
    }
    llvm::sort(Pairs);
    for (auto [Distance, I, E] : Pairs) {
      if (Matched[I] || EntryUsed[E])
        continue;
      Matched[I] = true;
      EntryUsed[E] = true;
    }
  };
  MatchPass(/*CompareContext=*/true);
  MatchPass(/*CompareContext=*/false);

  unsigned Removed = 0;
  std::vector<Finding> Kept;
  for (size_t I = 0; I < Findings.size(); ++I) {
    if (Matched[I])
      ++Removed;
    else
      Kept.push_back(std::move(Findings[I]));
  }
  Findings = std::move(Kept);
  return Removed;
}

} // namespace tightfit::findings
