//===- TargetModelBuilder.cpp - a record's model for another target -------===//
//
// What a field's size and alignment are on another target, from its declared
// type:
//   - builtin types: the target's widths and alignments (TargetInfo), so
//     `long` is 8 bytes on x86_64-linux and 4 on Windows, `double` 4-aligned
//     on i686;
//   - pointers and references: the target's pointer;
//   - the C and C++ typedefs whose meaning the standard fixes: the exact
//     width integers (int8_t .. uint64_t), intptr_t, uintptr_t, size_t,
//     ssize_t, ptrdiff_t, intmax_t, uintmax_t, wchar_t, char16_t, char32_t
//     map to the target's own choice (int64_t is `long long` on i686);
//   - other typedefs are looked through, except those of system headers when
//     the target's C library is another one (Linux vs Windows): they then
//     depend on that library (time_t, off_t);
//   - enumerations: their underlying type (an unfixed one is `int` under the
//     Microsoft ABI; one wider than int is refused);
//   - arrays, _Complex, and records of these, laid out by the same rules.
// Refused: bases with data, virtual functions or bases, packed records and
// #pragma pack, [[no_unique_address]], member pointers, vector and atomic
// types, zero-width bit-fields, alignas with a type, ms_struct. A record's
// model is built from these and its fields' offsets are those the target's
// rules (LayoutRules) give in declaration order.
//
//===----------------------------------------------------------------------===//
#include "lib/layout/TargetModelBuilder.h"
#include "lib/layout/LayoutRules.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Basic/TargetOptions.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/TargetParser/Triple.h"
#include <algorithm>

using namespace clang;

namespace tightfit::layout {

struct OtherTarget::Owned {
  std::shared_ptr<TargetOptions> Options;
};

OtherTarget::~OtherTarget() = default;

std::unique_ptr<OtherTarget> OtherTarget::create(const std::string &Triple, std::string &Error) {
  auto Opts = std::make_shared<TargetOptions>();
  Opts->Triple = llvm::Triple::normalize(Triple);
  IntrusiveRefCntPtr<DiagnosticIDs> IDs(new DiagnosticIDs);
  IntrusiveRefCntPtr<DiagnosticOptions> DiagOpts(new DiagnosticOptions);
  IgnoringDiagConsumer Quiet;
  DiagnosticsEngine Diags(IDs, DiagOpts, &Quiet, /*ShouldOwnClient=*/false);
  TargetInfo *Info = TargetInfo::CreateTargetInfo(Diags, Opts);
  if (!Info) {
    Error = "unknown target '" + Triple + "'";
    return nullptr;
  }
  std::unique_ptr<OtherTarget> T(new OtherTarget);
  T->Triple = Triple;
  T->Info.reset(Info);
  T->Keep = std::make_unique<Owned>();
  T->Keep->Options = std::move(Opts);
  return T;
}

namespace {

struct Measure {
  uint64_t SizeBits = 0, AlignBits = 8;
};

class Builder {
public:
  Builder(ASTContext &Ctx, const TargetInfo &TI)
      : Ctx(Ctx), TI(TI), Ms(TI.getCXXABI().isMicrosoft()),
        SameLibrary(TI.getTriple().isOSWindows() ==
                    Ctx.getTargetInfo().getTriple().isOSWindows()) {}

  TargetModel build(const RecordDecl &Record, unsigned Depth = 0) {
    TargetModel Out;
    std::string Why;
    if (std::optional<RecordLayoutModel> M = model(Record, Depth, Why))
      Out.Model = std::move(M);
    else
      Out.Reason = Why;
    return Out;
  }

private:
  Measure intType(TargetInfo::IntType T) const {
    return {TI.getTypeWidth(T), TI.getTypeAlign(T)};
  }

  /// The standard typedefs whose meaning the target decides.
  std::optional<Measure> knownTypedef(StringRef Name) const {
    using IT = TargetInfo::IntType;
    std::optional<IT> T = llvm::StringSwitch<std::optional<IT>>(Name)
                              .Cases("int8_t", "__int8_t", TargetInfo::SignedChar)
                              .Cases("uint8_t", "__uint8_t", TargetInfo::UnsignedChar)
                              .Cases("int16_t", "__int16_t", TargetInfo::SignedShort)
                              .Cases("uint16_t", "__uint16_t", TargetInfo::UnsignedShort)
                              .Cases("int32_t", "__int32_t", TargetInfo::SignedInt)
                              .Cases("uint32_t", "__uint32_t", TargetInfo::UnsignedInt)
                              .Cases("int64_t", "__int64_t", TI.getInt64Type())
                              .Cases("uint64_t", "__uint64_t",
                                     TargetInfo::getCorrespondingUnsignedType(TI.getInt64Type()))
                              .Case("intptr_t", TI.getIntPtrType())
                              .Case("uintptr_t", TI.getUIntPtrType())
                              .Case("size_t", TI.getSizeType())
                              .Case("ssize_t", TI.getSignedSizeType())
                              .Case("ptrdiff_t", TI.getPtrDiffType(LangAS::Default))
                              .Case("intmax_t", TI.getIntMaxType())
                              .Case("uintmax_t", TI.getUIntMaxType())
                              .Case("wchar_t", TI.getWCharType())
                              .Case("char16_t", TI.getChar16Type())
                              .Case("char32_t", TI.getChar32Type())
                              .Default(std::nullopt);
    if (!T)
      return std::nullopt;
    return intType(*T);
  }

  std::optional<Measure> builtin(const BuiltinType &B, std::string &Why) const {
    switch (B.getKind()) {
    case BuiltinType::Bool:
      return Measure{TI.getBoolWidth(), TI.getBoolAlign()};
    case BuiltinType::Char_S:
    case BuiltinType::Char_U:
    case BuiltinType::SChar:
    case BuiltinType::UChar:
    case BuiltinType::Char8:
      return Measure{TI.getCharWidth(), TI.getCharAlign()};
    case BuiltinType::Short:
    case BuiltinType::UShort:
      return Measure{TI.getShortWidth(), TI.getShortAlign()};
    case BuiltinType::Int:
    case BuiltinType::UInt:
      return Measure{TI.getIntWidth(), TI.getIntAlign()};
    case BuiltinType::Long:
    case BuiltinType::ULong:
      return Measure{TI.getLongWidth(), TI.getLongAlign()};
    case BuiltinType::LongLong:
    case BuiltinType::ULongLong:
      return Measure{TI.getLongLongWidth(), TI.getLongLongAlign()};
    case BuiltinType::Int128:
    case BuiltinType::UInt128:
      if (!TI.hasInt128Type())
        break;
      return Measure{128, TI.getInt128Align()};
    case BuiltinType::Float:
      return Measure{TI.getFloatWidth(), TI.getFloatAlign()};
    case BuiltinType::Double:
      return Measure{TI.getDoubleWidth(), TI.getDoubleAlign()};
    case BuiltinType::LongDouble:
      return Measure{TI.getLongDoubleWidth(), TI.getLongDoubleAlign()};
    case BuiltinType::WChar_S:
    case BuiltinType::WChar_U:
      return Measure{TI.getWCharWidth(), TI.getWCharAlign()};
    case BuiltinType::Char16:
      return Measure{TI.getChar16Width(), TI.getChar16Align()};
    case BuiltinType::Char32:
      return Measure{TI.getChar32Width(), TI.getChar32Align()};
    case BuiltinType::NullPtr:
      return pointer();
    default:
      break;
    }
    Why = "type '" + QualType(&B, 0).getAsString(Ctx.getPrintingPolicy()) +
          "' is not modelled on other targets";
    return std::nullopt;
  }

  Measure pointer() const {
    return {TI.getPointerWidth(LangAS::Default), TI.getPointerAlign(LangAS::Default)};
  }

  std::optional<Measure> measure(QualType T, unsigned Depth, std::string &Why) {
    if (Depth > 16) {
      Why = "types nested too deeply";
      return std::nullopt;
    }
    // Sugar first: the typedefs whose meaning the target decides.
    while (true) {
      if (const auto *TT = dyn_cast<TypedefType>(T.getTypePtr())) {
        const TypedefNameDecl *D = TT->getDecl();
        if (std::optional<Measure> K = knownTypedef(D->getName()))
          return K;
        if (!SameLibrary && Ctx.getSourceManager().isInSystemHeader(D->getLocation())) {
          Why = "'" + D->getName().str() + "' depends on the target's C library";
          return std::nullopt;
        }
        T = TT->desugar();
        continue;
      }
      if (const auto *ET = dyn_cast<ElaboratedType>(T.getTypePtr())) {
        T = ET->desugar();
        continue;
      }
      if (const auto *PT = dyn_cast<ParenType>(T.getTypePtr())) {
        T = PT->desugar();
        continue;
      }
      if (const auto *AT = dyn_cast<AttributedType>(T.getTypePtr())) {
        T = AT->desugar();
        continue;
      }
      if (const auto *ST = dyn_cast<SubstTemplateTypeParmType>(T.getTypePtr())) {
        T = ST->desugar();
        continue;
      }
      if (const auto *DT = dyn_cast<DecltypeType>(T.getTypePtr())) {
        T = DT->desugar();
        continue;
      }
      break;
    }
    const Type *Ty = T.getTypePtr();
    if (const auto *B = dyn_cast<BuiltinType>(Ty))
      return builtin(*B, Why);
    if (isa<PointerType>(Ty) || isa<ReferenceType>(Ty) || isa<BlockPointerType>(Ty))
      return pointer();
    if (const auto *A = dyn_cast<ConstantArrayType>(Ty)) {
      std::optional<Measure> E = measure(A->getElementType(), Depth + 1, Why);
      if (!E)
        return std::nullopt;
      return Measure{E->SizeBits * A->getSize().getZExtValue(), E->AlignBits};
    }
    if (const auto *C = dyn_cast<ComplexType>(Ty)) {
      std::optional<Measure> E = measure(C->getElementType(), Depth + 1, Why);
      if (!E)
        return std::nullopt;
      return Measure{2 * E->SizeBits, E->AlignBits};
    }
    if (const auto *E = dyn_cast<EnumType>(Ty)) {
      const EnumDecl *ED = E->getDecl();
      if (!ED->isFixed() && Ms)
        return Measure{TI.getIntWidth(), TI.getIntAlign()};
      QualType Int = ED->getIntegerType();
      if (Int.isNull()) {
        Why = "enumeration '" + ED->getNameAsString() + "' has no underlying type";
        return std::nullopt;
      }
      if (!ED->isFixed() && Ctx.getTypeSize(Int) > Ctx.getTargetInfo().getIntWidth()) {
        Why = "enumeration '" + ED->getNameAsString() + "' is wider than int";
        return std::nullopt;
      }
      return measure(ED->isFixed() ? ED->getIntegerTypeSourceInfo()->getType() : Int, Depth + 1,
                     Why);
    }
    if (const auto *R = dyn_cast<RecordType>(Ty)) {
      const RecordDecl *RD = R->getDecl()->getDefinition();
      if (!RD) {
        Why = "a field's type is incomplete";
        return std::nullopt;
      }
      std::optional<RecordLayoutModel> M = model(*RD, Depth + 1, Why);
      if (!M)
        return std::nullopt;
      return Measure{M->SizeBits, M->AlignBits};
    }
    if (isa<MemberPointerType>(Ty)) {
      Why = "member pointers differ between ABIs";
      return std::nullopt;
    }
    Why = "type '" + T.getAsString(Ctx.getPrintingPolicy()) + "' is not modelled on other targets";
    return std::nullopt;
  }

  /// Alignment an attribute asks for, in bits (0: none); false when it is
  /// spelled with a type (whose alignment depends on the target).
  bool explicitAlign(const Decl &D, uint64_t &Bits) const {
    Bits = 0;
    for (const AlignedAttr *A : D.specific_attrs<AlignedAttr>()) {
      if (!A->isAlignmentExpr())
        return false;
      Bits = std::max<uint64_t>(Bits, A->getAlignment(Ctx));
    }
    return true;
  }

  std::optional<RecordLayoutModel> model(const RecordDecl &Record, unsigned Depth,
                                         std::string &Why) {
    if (Record.isUnion()) {
      // A union: the largest member, the strictest alignment.
      Measure U;
      for (const FieldDecl *F : Record.fields()) {
        std::optional<Measure> M = measure(F->getType(), Depth + 1, Why);
        if (!M || F->isBitField()) {
          if (M)
            Why = "bit-fields in unions are not modelled on other targets";
          return std::nullopt;
        }
        U.SizeBits = std::max(U.SizeBits, M->SizeBits);
        U.AlignBits = std::max(U.AlignBits, M->AlignBits);
      }
      uint64_t Explicit;
      if (!explicitAlign(Record, Explicit)) {
        Why = "alignas with a type";
        return std::nullopt;
      }
      U.AlignBits = std::max(U.AlignBits, Explicit);
      RecordLayoutModel M;
      M.AlignBits = M.RoundingAlignBits = U.AlignBits;
      M.SizeBits = (std::max<uint64_t>(U.SizeBits, Ctx.getLangOpts().CPlusPlus ? 8 : 0) +
                    U.AlignBits - 1) / U.AlignBits * U.AlignBits;
      return M;
    }
    if (Record.hasAttr<PackedAttr>() || Record.hasAttr<MaxFieldAlignmentAttr>() ||
        Ctx.getLangOpts().PackStruct || Record.isMsStruct(Ctx)) {
      Why = "packed records are not modelled on other targets";
      return std::nullopt;
    }
    if (const auto *Class = dyn_cast<CXXRecordDecl>(&Record)) {
      if (Class->isDynamicClass() || Class->getNumVBases()) {
        Why = "classes with virtual functions or bases are not modelled on other targets";
        return std::nullopt;
      }
      for (const CXXBaseSpecifier &B : Class->bases()) {
        const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl();
        if (!Base || !Base->isEmpty()) {
          Why = "bases with data are not modelled on other targets";
          return std::nullopt;
        }
      }
    }
    RecordLayoutModel M;
    M.Abi = Ms ? LayoutAbi::Microsoft : LayoutAbi::Itanium;
    M.Target = TI.getTriple().str();
    M.MinSizeOneByte = Ctx.getLangOpts().CPlusPlus;
    uint64_t Align = 8;
    bool PrevBitField = false;
    for (const FieldDecl *F : Record.fields()) {
      if (F->isPotentiallyOverlapping()) {
        Why = "[[no_unique_address]] members are not modelled on other targets";
        return std::nullopt;
      }
      uint64_t Explicit;
      if (!explicitAlign(*F, Explicit)) {
        Why = "alignas with a type";
        return std::nullopt;
      }
      FieldModel FM;
      FM.Name = F->getName().str();
      FM.DisplayName = FM.Name.empty() ? "(unnamed)" : FM.Name;
      if (F->getType()->isIncompleteArrayType()) {
        const auto *A = Ctx.getAsIncompleteArrayType(F->getType());
        std::optional<Measure> E = measure(A->getElementType(), Depth + 1, Why);
        if (!E)
          return std::nullopt;
        UnitSpec U;
        U.K = UnitSpec::Kind::FlexibleArray;
        U.AlignBits = std::max(E->AlignBits, Explicit);
        Align = std::max(Align, U.AlignBits);
        M.Units.push_back(U);
        PrevBitField = false;
      } else if (F->isBitField()) {
        std::optional<Measure> T = measure(F->getType(), Depth + 1, Why);
        if (!T)
          return std::nullopt;
        BitFieldSpec B;
        B.WidthBits = F->getBitWidthValue(Ctx);
        B.StorageUnitBits = T->SizeBits;
        B.AlignBits = std::max(T->AlignBits, Explicit);
        if (B.WidthBits == 0 || Explicit || B.WidthBits > B.StorageUnitBits ||
            (!Ms && !TI.useBitFieldTypeAlignment())) {
          Why = "this bit-field is not modelled on other targets";
          return std::nullopt;
        }
        B.RaisesRecordAlign = Ms || F->getIdentifier() || TI.useZeroLengthBitfieldAlignment();
        if (B.RaisesRecordAlign)
          Align = std::max(Align, B.AlignBits);
        if (!PrevBitField) {
          UnitSpec U;
          U.K = UnitSpec::Kind::BitFieldRun;
          M.Units.push_back(U);
        }
        M.Units.back().BitFields.push_back(B);
        FM.SizeBits = B.WidthBits;
        FM.IsBitField = true;
        PrevBitField = true;
      } else {
        std::optional<Measure> T = measure(F->getType(), Depth + 1, Why);
        if (!T)
          return std::nullopt;
        UnitSpec U;
        U.SizeBits = U.DataSizeBits = T->SizeBits;
        U.AlignBits = std::max(T->AlignBits, Explicit);
        Align = std::max(Align, U.AlignBits);
        FM.SizeBits = U.SizeBits;
        M.Units.push_back(U);
        PrevBitField = false;
      }
      FM.Unit = M.Units.size() - 1;
      M.Fields.push_back(FM);
    }
    uint64_t Explicit;
    if (!explicitAlign(Record, Explicit)) {
      Why = "alignas with a type";
      return std::nullopt;
    }
    M.AlignBits = M.RoundingAlignBits = std::max(Align, Explicit);
    Placement P = simulate(M, declarationOrder(M));
    for (size_t I = 0; I < M.Fields.size(); ++I)
      M.Fields[I].OffsetBits = P.FieldOffsetBits[I];
    M.SizeBits = P.SizeBits;
    return M;
  }

  ASTContext &Ctx;
  const TargetInfo &TI;
  const bool Ms;
  const bool SameLibrary;
};

} // namespace

TargetModel buildTargetModel(const RecordDecl &Record, ASTContext &Ctx, const OtherTarget &Target) {
  return Builder(Ctx, Target.info()).build(Record);
}

} // namespace tightfit::layout
