//===- RecordLayoutExtractor.cpp - Clang record → RecordLayoutModel -------===//
//
// The per-field parameters are computed the way Clang's record layout builder
// computes them for the record's target (packed records and fields, `aligned`
// and `alignas`, #pragma pack and -fpack-struct, Microsoft's required
// alignment), so that LayoutRules only has to place them. What is refused:
//   - virtual bases (laid out after the fields, with their own rules);
//   - records where two empty subobjects of one class type could be asked to
//     share an address: Clang then moves a field, which LayoutRules does not;
//   - ms_struct, AIX power alignment, mac68k alignment, targets that ignore
//     bit-field types, bit-fields wider than their type, ASan field padding;
//   - under the Microsoft ABI: zero-width bit-fields, [[msvc::no_unique_address]]
//     members, and a vfptr together with an alignment attribute on the record.
//   - in a unit with compile errors, records that error recovery may have
//     changed: a field or base of invalid type, a base specifier or an
//     alignment attribute in the text that the record lacks.
// Every model that survives is then simulated in declaration order and
// compared with the compiler's offsets and size; a mismatch refuses it too.
//
//===----------------------------------------------------------------------===//
#include "lib/layout/RecordLayoutExtractor.h"
#include "lib/layout/LayoutRules.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecordLayout.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"
#include <algorithm>

using namespace clang;

namespace tightfit::layout {

const char *describe(SkipReason Reason) {
  switch (Reason) {
  case SkipReason::None:
    return "analysed";
  case SkipReason::NotAnalyzable:
    return "not a complete, valid, non-dependent struct or class";
  case SkipReason::NoFields:
    return "no fields to reorder";
  case SkipReason::VirtualBases:
    return "has virtual bases";
  case SkipReason::UnsupportedTarget:
    return "the target's record layout rules are not modelled";
  case SkipReason::MsStruct:
    return "ms_struct layout";
  case SkipReason::WideBitField:
    return "a bit-field is wider than its type";
  case SkipReason::ExtraPadding:
    return "the sanitizer inserts field padding";
  case SkipReason::EmptySubobjects:
    return "empty subobjects of the same type could collide";
  case SkipReason::MicrosoftUnsupported:
    return "Microsoft layout rules for this record are not modelled";
  case SkipReason::ModelMismatch:
    return "the layout model does not reproduce the compiler's layout";
  }
  return "unknown";
}

namespace {

using EmptyClassSet = llvm::SmallPtrSet<const CXXRecordDecl *, 4>;

/// Empty classes that occur as subobjects (the class itself, its bases, its
/// fields, recursively) of \p Class.
void collectEmptySubobjectTypes(const CXXRecordDecl *Class, EmptyClassSet &Out,
                                unsigned Depth = 0) {
  if (!Class || Depth > 32)
    return;
  Class = Class->getDefinition();
  if (!Class)
    return;
  if (Class->isEmpty())
    Out.insert(Class->getCanonicalDecl());
  for (const CXXBaseSpecifier &B : Class->bases())
    collectEmptySubobjectTypes(B.getType()->getAsCXXRecordDecl(), Out, Depth + 1);
  for (const FieldDecl *F : Class->fields())
    collectEmptySubobjectTypes(F->getType()->getBaseElementTypeUnsafe()->getAsCXXRecordDecl(),
                               Out, Depth + 1);
}

bool intersects(const EmptyClassSet &A, const EmptyClassSet &B) {
  for (const CXXRecordDecl *C : A)
    if (B.count(C))
      return true;
  return false;
}

/// Fields only collide with empty subobjects of the bases, or with each other
/// when one of them may overlap ([[no_unique_address]]).
bool mayCollideEmptySubobjects(const CXXRecordDecl &Record) {
  EmptyClassSet FromBases;
  for (const CXXBaseSpecifier &B : Record.bases())
    collectEmptySubobjectTypes(B.getType()->getAsCXXRecordDecl(), FromBases);
  std::vector<std::pair<EmptyClassSet, bool>> FromFields;
  for (const FieldDecl *F : Record.fields()) {
    EmptyClassSet S;
    collectEmptySubobjectTypes(F->getType()->getBaseElementTypeUnsafe()->getAsCXXRecordDecl(), S);
    if (S.empty())
      continue;
    if (intersects(S, FromBases))
      return true;
    FromFields.emplace_back(std::move(S), F->isPotentiallyOverlapping());
  }
  for (size_t I = 0; I < FromFields.size(); ++I)
    for (size_t J = I + 1; J < FromFields.size(); ++J)
      if ((FromFields[I].second || FromFields[J].second) &&
          intersects(FromFields[I].first, FromFields[J].first))
        return true;
  return false;
}

std::string absolutePath(const SourceManager &SM, SourceLocation Loc) {
  FileID FID = SM.getFileID(Loc);
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(FID);
  if (!Entry)
    return std::string(SM.getBufferName(Loc));
  llvm::SmallString<256> Path(Entry->getName());
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

/// Where each field's declaration is spelled. A declaration starts at the
/// first token after the previous member (or the opening brace), so leading
/// attributes such as `alignas(8)` or `[[no_unique_address]]` belong to it,
/// and ends after its ';'.
class DeclarationSpans {
public:
  DeclarationSpans(const RecordDecl &Record, const ASTContext &Ctx)
      : SM(Ctx.getSourceManager()), LO(Ctx.getLangOpts()) {
    SourceLocation PrevEnd = Record.getBraceRange().getBegin();
    const FieldDecl *PrevField = nullptr;
    // A struct/union/enum defined inside the record, and where its
    // declaration starts: a field declared with it (`struct {...} s;`, or the
    // implicit field of an anonymous union) spans the definition too.
    const TagDecl *PendingTag = nullptr;
    SourceLocation PendingTagBegin;
    for (const Decl *D : Record.decls()) {
      const auto *F = dyn_cast<FieldDecl>(D);
      if (D->isImplicit() && !F)
        continue;
      SourceLocation Last = D->getEndLoc();
      if (F) {
        SourceSpan S;
        bool Shared = PrevField && PrevField->getBeginLoc() == F->getBeginLoc();
        bool WithTag = PendingTag && (F->isImplicit() ||
                                      F->getBeginLoc() == PendingTag->getBeginLoc());
        if (F->isImplicit() && PendingTag)
          Last = PendingTag->getEndLoc();
        SourceLocation Begin = Shared    ? Spans.back().first
                               : WithTag ? PendingTagBegin
                                         : firstTokenAfter(PrevEnd);
        if (Begin.isInvalid())
          Begin = F->getBeginLoc();
        SourceLocation Semi = terminator(Last);
        S.InMacro = Begin.isMacroID() || F->getLocation().isMacroID() || Last.isMacroID() ||
                    Semi.isInvalid();
        SourceLocation FileBegin = SM.getFileLoc(Begin);
        S.File = absolutePath(SM, FileBegin);
        S.Begin = SM.getFileOffset(FileBegin);
        S.End = Semi.isValid() ? SM.getFileOffset(SM.getFileLoc(Semi)) + 1 : S.Begin;
        SourceLocation NameLoc = SM.getFileLoc(F->getLocation());
        S.Line = SM.getSpellingLineNumber(NameLoc);
        S.Column = SM.getSpellingColumnNumber(NameLoc);
        if (Shared) {
          S.SharedDeclaration = true;
          Fields.back().SharedDeclaration = true;
        }
        Spans.emplace_back(Begin, S);
        Fields.push_back(S);
        PrevField = F;
        PendingTag = nullptr;
        // `int b __attribute__((aligned(8)));`: the field's own end is its
        // name, so the declaration ends at its ';', not at the next token.
        if (Semi.isValid()) {
          PrevEnd = Semi;
          continue;
        }
      } else {
        const auto *Tag = dyn_cast<TagDecl>(D);
        PendingTag = Tag && Tag->isThisDeclarationADefinition() ? Tag : nullptr;
        if (PendingTag)
          PendingTagBegin = firstTokenAfter(PrevEnd);
        PrevField = nullptr;
      }
      PrevEnd = terminator(Last, /*Required=*/false);
      if (PrevEnd.isInvalid())
        PrevEnd = Last;
    }
    // Every declarator of a shared declaration spans the whole declaration.
    for (size_t I = Fields.size(); I-- > 1;)
      if (Fields[I].SharedDeclaration && Fields[I - 1].SharedDeclaration &&
          Fields[I - 1].Begin == Fields[I].Begin)
        Fields[I - 1].End = std::max(Fields[I - 1].End, Fields[I].End);
  }

  std::vector<SourceSpan> Fields;

private:
  SourceLocation firstTokenAfter(SourceLocation Loc) const {
    if (Loc.isInvalid())
      return {};
    std::optional<Token> Tok = Lexer::findNextToken(Loc, SM, LO);
    return Tok ? Tok->getLocation() : SourceLocation();
  }

  /// The ';' ending the declaration whose last token is at \p Last. When
  /// Required is false, \p Last itself is returned if no ';' follows.
  SourceLocation terminator(SourceLocation Last, bool Required = true) const {
    SourceLocation Loc = Last;
    for (int Steps = 0; Loc.isValid() && Steps < 64; ++Steps) {
      std::optional<Token> Tok = Lexer::findNextToken(Loc, SM, LO);
      if (!Tok)
        break;
      if (Tok->is(tok::semi))
        return Tok->getLocation();
      if (!Required)
        return Last;
      if (Tok->isOneOf(tok::r_brace, tok::eof))
        break;
      Loc = Tok->getLocation();
    }
    return Required ? SourceLocation() : Last;
  }

  const SourceManager &SM;
  const LangOptions &LO;
  std::vector<std::pair<SourceLocation, SourceSpan>> Spans;
};

std::string displayName(const FieldDecl &F) {
  if (!F.getName().empty())
    return F.getName().str();
  if (F.isAnonymousStructOrUnion())
    return F.getType()->isUnionType() ? "(anonymous union)" : "(anonymous struct)";
  if (F.isBitField())
    return "(unnamed bit-field)";
  return "(unnamed field)";
}

class Extractor {
public:
  Extractor(const RecordDecl &Record, ASTContext &Ctx)
      : Record(Record), Ctx(Ctx), Target(Ctx.getTargetInfo()),
        Layout(Ctx.getASTRecordLayout(&Record)),
        Ms(Ctx.getTargetInfo().getCXXABI().isMicrosoft()) {}

  ExtractedLayout run() {
    Model.Abi = Ms ? LayoutAbi::Microsoft : LayoutAbi::Itanium;
    Model.Target = Target.getTriple().str();
    PrintingPolicy Policy(Ctx.getLangOpts());
    Policy.SuppressTagKeyword = Ctx.getLangOpts().CPlusPlus;
    Policy.FullyQualifiedName = true;
    Policy.AnonymousTagLocations = false;
    Model.Name = Ctx.getRecordType(&Record).getAsString(Policy);
    Model.TagKind = Record.getKindName().str();
    Model.AlignBits = Ctx.toBits(Layout.getAlignment());
    Model.RoundingAlignBits = Model.AlignBits;
    Model.MinSizeOneByte = Ctx.getLangOpts().CPlusPlus;
    Model.SizeBits = Ctx.toBits(Layout.getSize());
    Policy.SuppressTagKeyword = true;
    BasePolicy = Policy;

    if (SkipReason R = Ms ? prefixMicrosoft() : prefixItanium(); R != SkipReason::None)
      return {std::nullopt, R};
    if (SkipReason R = fields(); R != SkipReason::None)
      return {std::nullopt, R};
    if (!reproducesCompiler(Model))
      return {std::nullopt, SkipReason::ModelMismatch};
    return {std::move(Model), SkipReason::None};
  }

private:
  SkipReason prefixItanium() {
    if (Record.hasAttr<AlignMac68kAttr>())
      return SkipReason::UnsupportedTarget;
    Packed = Record.hasAttr<PackedAttr>();
    if (unsigned Pack = Ctx.getLangOpts().PackStruct)
      MaxFieldAlignBits = Pack * 8;
    if (const auto *MFA = Record.getAttr<MaxFieldAlignmentAttr>())
      MaxFieldAlignBits = MFA->getAlignment();

    const auto *Class = dyn_cast<CXXRecordDecl>(&Record);
    if (!Class)
      return SkipReason::None;
    uint64_t PtrBits = Target.getPointerWidth(LangAS::Default);
    if (Layout.hasOwnVFPtr()) {
      Model.Fixed.push_back({"vtable pointer", 0, PtrBits});
      Model.StartDataBits = Model.StartSizeBits = PtrBits;
    }
    for (const CXXBaseSpecifier &B : Class->bases()) {
      const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl();
      const ASTRecordLayout &BL = Ctx.getASTRecordLayout(Base);
      uint64_t Offset = Ctx.toBits(Layout.getBaseClassOffset(Base));
      if (Base->isEmpty()) {
        Model.StartSizeBits = std::max(Model.StartSizeBits, Offset + Ctx.toBits(BL.getSize()));
        continue;
      }
      uint64_t Data = Ctx.toBits(BL.getNonVirtualSize());
      Model.Fixed.push_back({baseName(B), Offset, Data});
      Model.StartDataBits = std::max(Model.StartDataBits, Offset + Data);
      Model.StartSizeBits = std::max(Model.StartSizeBits, Offset + Data);
    }
    return SkipReason::None;
  }

  SkipReason prefixMicrosoft() {
    uint64_t PtrBits = Target.getPointerWidth(LangAS::Default);
    if (unsigned Pack = Ctx.getLangOpts().PackStruct)
      MaxFieldAlignBits = Pack * 8;
    if (const auto *MFA = Record.getAttr<MaxFieldAlignmentAttr>())
      if (MFA->getAlignment() <= PtrBits)
        MaxFieldAlignBits = MFA->getAlignment();
    if (Record.hasAttr<PackedAttr>())
      MaxFieldAlignBits = 8;

    const auto *Class = dyn_cast<CXXRecordDecl>(&Record);
    if (!Class)
      return SkipReason::None;
    uint64_t Required = Ctx.toBits(Layout.getRequiredAlignment());
    uint64_t Rounding = Model.AlignBits;
    if (MaxFieldAlignBits)
      Rounding = std::min(Rounding, MaxFieldAlignBits);
    Model.RoundingAlignBits = std::max(Rounding, Required);
    if (Layout.hasVBPtr())
      return SkipReason::VirtualBases;
    if (Layout.hasOwnVFPtr()) {
      // The injection shift uses the alignment before the record's own
      // attribute joins it; without such an attribute the two agree.
      if (Record.getMaxAlignment())
        return SkipReason::MicrosoftUnsupported;
      Model.VfptrShiftBits = (PtrBits + Model.AlignBits - 1) / Model.AlignBits * Model.AlignBits;
      Model.Fixed.push_back({"vtable pointer", 0, PtrBits});
    }
    for (const CXXBaseSpecifier &B : Class->bases()) {
      const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl();
      const ASTRecordLayout &BL = Ctx.getASTRecordLayout(Base);
      uint64_t Offset = Ctx.toBits(Layout.getBaseClassOffset(Base));
      uint64_t Data = Ctx.toBits(BL.getNonVirtualSize());
      if (Offset < Model.VfptrShiftBits)
        return SkipReason::MicrosoftUnsupported;
      Model.StartSizeBits = std::max(Model.StartSizeBits, Offset - Model.VfptrShiftBits + Data);
      if (Data)
        Model.Fixed.push_back({baseName(B), Offset, Data});
    }
    Model.StartDataBits = Model.StartSizeBits;
    return SkipReason::None;
  }

  std::string baseName(const CXXBaseSpecifier &B) const {
    return "base '" + B.getType().getAsString(BasePolicy) + "'";
  }

  SkipReason fields() {
    DeclarationSpans Spans(Record, Ctx);
    unsigned Index = 0;
    bool PrevBitField = false;
    for (const FieldDecl *FD : Record.fields()) {
      FieldModel F;
      F.Name = FD->getName().str();
      F.DisplayName = displayName(*FD);
      F.OffsetBits = Layout.getFieldOffset(Index);
      F.IsBitField = FD->isBitField();
      if (Index < Spans.Fields.size())
        F.Decl = Spans.Fields[Index];
      ++Index;

      if (FD->isBitField()) {
        BitFieldSpec B;
        if (SkipReason R = Ms ? bitFieldMicrosoft(*FD, B) : bitFieldItanium(*FD, B);
            R != SkipReason::None)
          return R;
        if (!PrevBitField) {
          UnitSpec U;
          U.K = UnitSpec::Kind::BitFieldRun;
          Model.Units.push_back(U);
        }
        Model.Units.back().BitFields.push_back(B);
        F.SizeBits = B.WidthBits;
        PrevBitField = true;
      } else {
        UnitSpec U;
        if (SkipReason R = Ms ? fieldMicrosoft(*FD, U) : fieldItanium(*FD, U);
            R != SkipReason::None)
          return R;
        F.SizeBits = U.OverlappingEmpty ? 0 : U.DataSizeBits;
        Model.Units.push_back(U);
        PrevBitField = false;
      }
      F.Unit = Model.Units.size() - 1;
      Model.Fields.push_back(std::move(F));
    }
    if (Model.Fields.empty())
      return SkipReason::NoFields;
    return SkipReason::None;
  }

  /// A trailing array that code may index past its bound (the "struct
  /// hack": `char data[1]` allocated with extra room) must stay last, like a
  /// flexible array member. Which trailing arrays qualify is the compiler's
  /// own notion for the TU's -fstrict-flex-arrays level (by default: all).
  bool isFlexibleArrayLike(const FieldDecl &FD) const {
    if (FD.getType()->isIncompleteArrayType())
      return true;
    if (!FD.getType()->isConstantArrayType())
      return false;
    return Decl::isFlexibleArrayMemberLike(Ctx, &FD, FD.getType(),
                                           Ctx.getLangOpts().getStrictFlexArraysLevel(),
                                           /*IgnoreTemplateOrMacroSubstitution=*/false);
  }

  SkipReason fieldItanium(const FieldDecl &FD, UnitSpec &U) {
    const CXXRecordDecl *FieldClass = FD.getType()->getAsCXXRecordDecl();
    TypeInfoChars TI = Ctx.getTypeInfoInChars(FD.getType());
    if (isFlexibleArrayLike(FD))
      U.K = UnitSpec::Kind::FlexibleArray;
    if (FD.getType()->isIncompleteArrayType()) {
      U.SizeBits = U.DataSizeBits = 0;
    } else {
      U.SizeBits = U.DataSizeBits = Ctx.toBits(TI.Width);
      if (FD.isPotentiallyOverlapping()) {
        const ASTRecordLayout &FL = Ctx.getASTRecordLayout(FieldClass);
        U.DataSizeBits = Ctx.toBits(std::max(FL.getNonVirtualSize(), FL.getDataSize()));
        U.OverlappingEmpty = FieldClass->isEmpty();
      }
    }
    const llvm::Triple &T = Target.getTriple();
    bool FieldPacked =
        (Packed && (!FieldClass || FieldClass->isPOD() || FieldClass->hasAttr<PackedAttr>() ||
                    Ctx.getLangOpts().getClangABICompat() <= LangOptions::ClangABI::Ver15 ||
                    T.isPS() || T.isOSDarwin() || T.isOSAIX())) ||
        FD.hasAttr<PackedAttr>();
    uint64_t Explicit = FD.getMaxAlignment();
    uint64_t PackedAlign = std::max<uint64_t>(8, Explicit);
    uint64_t UnpackedAlign = std::max<uint64_t>(Ctx.toBits(TI.Align), Explicit);
    if (MaxFieldAlignBits) {
      PackedAlign = std::min(PackedAlign, MaxFieldAlignBits);
      UnpackedAlign = std::min(UnpackedAlign, MaxFieldAlignBits);
    }
    U.AlignBits = FieldPacked ? PackedAlign : UnpackedAlign;
    return SkipReason::None;
  }

  SkipReason bitFieldItanium(const FieldDecl &FD, BitFieldSpec &B) {
    if (!Target.useBitFieldTypeAlignment())
      return SkipReason::UnsupportedTarget;
    bool FieldPacked = Packed || FD.hasAttr<PackedAttr>();
    TypeInfo FI = Ctx.getTypeInfo(FD.getType());
    B.WidthBits = FD.getBitWidthValue(Ctx);
    B.StorageUnitBits = FI.Width;
    if (B.WidthBits > B.StorageUnitBits)
      return SkipReason::WideBitField;
    uint64_t Align = FI.Align;
    uint64_t Unpacked = Align;
    if (FieldPacked && B.WidthBits != 0)
      Align = 1;
    uint64_t Explicit = FD.getMaxAlignment();
    if (Explicit) {
      Align = std::max(Align, Explicit);
      Unpacked = std::max(Unpacked, Explicit);
    }
    if (MaxFieldAlignBits && B.WidthBits) {
      Unpacked = std::min(Unpacked, MaxFieldAlignBits);
      Align = FieldPacked ? Unpacked : std::min(Align, MaxFieldAlignBits);
    }
    B.AlignBits = Align;
    B.AllowPadding = MaxFieldAlignBits == 0;
    B.ExplicitAlignBits =
        (Explicit && (MaxFieldAlignBits == 0 || Explicit <= MaxFieldAlignBits) &&
         Target.useExplicitBitFieldAlignment())
            ? Explicit
            : 0;
    B.RaisesRecordAlign = FD.getIdentifier() || Target.useZeroLengthBitfieldAlignment();
    return SkipReason::None;
  }

  /// Microsoft's size and alignment of a field: natural alignment, capped by
  /// #pragma pack and `packed`, raised by __declspec(align)/alignas, which
  /// #pragma pack does not cap.
  void elementMicrosoft(const FieldDecl &FD, uint64_t &SizeBits, uint64_t &AlignBits) {
    TypeInfoChars TI = Ctx.getTypeInfoInChars(FD.getType()->getUnqualifiedDesugaredType());
    SizeBits = Ctx.toBits(TI.Width);
    uint64_t Align = Ctx.toBits(TI.Align);
    uint64_t Required = FD.getMaxAlignment();
    if (Ctx.isAlignmentRequired(FD.getType()))
      Required = std::max<uint64_t>(Ctx.getTypeAlign(FD.getType()), Required);
    if (FD.isBitField()) {
      Align = std::max(Align, Required);
    } else if (const auto *RT = FD.getType()->getBaseElementTypeUnsafe()->getAs<RecordType>()) {
      Required = std::max<uint64_t>(
          Required, Ctx.toBits(Ctx.getASTRecordLayout(RT->getDecl()).getRequiredAlignment()));
    }
    if (MaxFieldAlignBits)
      Align = std::min(Align, MaxFieldAlignBits);
    if (FD.hasAttr<PackedAttr>())
      Align = 8;
    AlignBits = std::max(Align, Required);
  }

  SkipReason fieldMicrosoft(const FieldDecl &FD, UnitSpec &U) {
    if (FD.isPotentiallyOverlapping())
      return SkipReason::MicrosoftUnsupported;
    if (isFlexibleArrayLike(FD))
      U.K = UnitSpec::Kind::FlexibleArray;
    if (FD.getType()->isIncompleteArrayType()) {
      uint64_t Ignored;
      elementMicrosoft(FD, Ignored, U.AlignBits);
      U.SizeBits = U.DataSizeBits = 0;
      return SkipReason::None;
    }
    elementMicrosoft(FD, U.SizeBits, U.AlignBits);
    U.DataSizeBits = U.SizeBits;
    return SkipReason::None;
  }

  SkipReason bitFieldMicrosoft(const FieldDecl &FD, BitFieldSpec &B) {
    B.WidthBits = FD.getBitWidthValue(Ctx);
    if (B.WidthBits == 0)
      return SkipReason::MicrosoftUnsupported;
    elementMicrosoft(FD, B.StorageUnitBits, B.AlignBits);
    if (B.WidthBits > B.StorageUnitBits)
      return SkipReason::WideBitField;
    return SkipReason::None;
  }

  const RecordDecl &Record;
  ASTContext &Ctx;
  const TargetInfo &Target;
  const ASTRecordLayout &Layout;
  const bool Ms;
  bool Packed = false;
  uint64_t MaxFieldAlignBits = 0;
  PrintingPolicy BasePolicy{LangOptions()};
  RecordLayoutModel Model;
};

/// Whether error recovery may have left \p Record with a layout the program
/// does not have (only asked in a translation unit with compile errors). The
/// compiler keeps a record valid when it drops a base specifier that does not
/// resolve or an alignment it rejects, and a field or base whose type is
/// invalid has a size that means nothing. So: a field or base of invalid
/// type, or a definition whose text has more base specifiers (top-level
/// commas after ':' before '{') or more alignment attributes (alignas,
/// _Alignas, aligned, align on the record and its direct members) than the
/// record has. Text that cannot be read (macros) counts as a disagreement.
bool mayHaveDroppedParts(const RecordDecl &Record, ASTContext &Ctx) {
  auto InvalidType = [](QualType T) {
    T = T.getCanonicalType();
    while (const auto *Array = dyn_cast<ArrayType>(T.getTypePtr()))
      T = Array->getElementType().getCanonicalType();
    if (T->containsErrors())
      return true;
    const RecordDecl *Inner = T->getAsRecordDecl();
    return Inner && Inner->isInvalidDecl();
  };
  for (const FieldDecl *F : Record.fields())
    if (F->isInvalidDecl() || InvalidType(F->getType()))
      return true;
  const auto *Class = dyn_cast<CXXRecordDecl>(&Record);
  if (Class)
    for (const CXXBaseSpecifier &Base : Class->bases())
      if (InvalidType(Base.getType()))
        return true;

  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation Begin = Record.getBeginLoc(), Open = Record.getBraceRange().getBegin(),
                 Close = Record.getBraceRange().getEnd();
  if (Begin.isInvalid() || Open.isInvalid() || Close.isInvalid() || Begin.isMacroID() ||
      Open.isMacroID() || Close.isMacroID() || SM.getFileID(Begin) != SM.getFileID(Close))
    return true;
  FileID File = SM.getFileID(Begin);
  bool Invalid = false;
  StringRef Text = SM.getBufferData(File, &Invalid);
  unsigned OpenOffset = SM.getFileOffset(Open), CloseOffset = SM.getFileOffset(Close);
  if (Invalid || CloseOffset >= Text.size())
    return true;
  Lexer Lex(SM.getLocForStartOfFile(File), Ctx.getLangOpts(), Text.begin(),
            Text.begin() + SM.getFileOffset(Begin), Text.end());
  unsigned Nesting = 0, Angles = 0, Bases = 0, Alignments = 0;
  bool InBases = false;
  Token Tok;
  for (Lex.LexFromRawLexer(Tok); Tok.isNot(tok::eof); Lex.LexFromRawLexer(Tok)) {
    unsigned Offset = SM.getFileOffset(Tok.getLocation());
    if (Offset >= CloseOffset)
      break;
    bool InHead = Offset < OpenOffset;
    switch (Tok.getKind()) {
    case tok::l_paren:
    case tok::l_square:
    case tok::l_brace:
      ++Nesting;
      break;
    case tok::r_paren:
    case tok::r_square:
    case tok::r_brace:
      Nesting -= Nesting > 0;
      break;
    case tok::less:
      Angles += InHead && Nesting == 0;
      break;
    case tok::greater:
      Angles -= InHead && Nesting == 0 && Angles > 0;
      break;
    case tok::greatergreater:
      if (InHead && Nesting == 0)
        Angles -= std::min(Angles, 2u);
      break;
    case tok::colon:
      if (InHead && Nesting == 0 && Angles == 0 && !InBases) {
        InBases = true;
        Bases = 1;
      }
      break;
    case tok::comma:
      Bases += InBases && InHead && Nesting == 0 && Angles == 0;
      break;
    case tok::raw_identifier: {
      StringRef Name = Tok.getRawIdentifier();
      // The head, and the body's own members (the body's brace is level 1).
      if (Nesting <= (InHead ? 2u : 3u) &&
          (Name == "alignas" || Name == "_Alignas" || Name == "aligned" ||
           Name == "__aligned__" || Name == "align"))
        ++Alignments;
      break;
    }
    default:
      break;
    }
  }
  if (Class && Bases > Class->getNumBases())
    return true;
  unsigned Attributes = 0;
  auto CountAlignments = [&](const Decl &D) {
    for (const AlignedAttr *A : D.specific_attrs<AlignedAttr>())
      Attributes += A != nullptr;
  };
  CountAlignments(Record);
  for (const Decl *Member : Record.decls())
    CountAlignments(*Member);
  return Alignments > Attributes;
}

} // namespace

ExtractedLayout extractRecordLayout(const RecordDecl &Record, ASTContext &Ctx) {
  if (Record.isUnion() || !Record.isCompleteDefinition() || Record.isInvalidDecl() ||
      Record.isDependentType() || Record.isImplicit())
    return {std::nullopt, SkipReason::NotAnalyzable};
  if (Ctx.getDiagnostics().hasErrorOccurred() && mayHaveDroppedParts(Record, Ctx))
    return {std::nullopt, SkipReason::NotAnalyzable};
  if (Record.field_empty())
    return {std::nullopt, SkipReason::NoFields};
  const TargetInfo &Target = Ctx.getTargetInfo();
  bool Ms = Target.getCXXABI().isMicrosoft();
  if (Target.defaultsToAIXPowerAlignment() || Target.getTriple().isOSAIX())
    return {std::nullopt, SkipReason::UnsupportedTarget};
  if (!Ms && Record.isMsStruct(Ctx))
    return {std::nullopt, SkipReason::MsStruct};
  if (Record.mayInsertExtraPadding())
    return {std::nullopt, SkipReason::ExtraPadding};
  if (const auto *Class = dyn_cast<CXXRecordDecl>(&Record)) {
    if (Class->getNumVBases())
      return {std::nullopt, SkipReason::VirtualBases};
    if (mayCollideEmptySubobjects(*Class))
      return {std::nullopt, SkipReason::EmptySubobjects};
  }
  return Extractor(Record, Ctx).run();
}

} // namespace tightfit::layout
