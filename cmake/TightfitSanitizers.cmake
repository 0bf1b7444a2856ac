# TIGHTFIT_SANITIZE=ON: tightfit's own code built with AddressSanitizer and
# UndefinedBehaviorSanitizer.
#
#   cmake -S . -B build-asan -G Ninja -DTIGHTFIT_SANITIZE=ON \
#         -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19
#
# Only tightfit is instrumented: Debian's LLVM and Clang libraries, clang-19
# and clang-tidy-19 are not. What that means, and what this file does about it
# (docs/robustness.md has the longer story):
#
# - The clang-tidy module and the compiler plugin are instrumented shared
#   objects loaded into uninstrumented hosts. The sanitizer runtime must be in
#   the process before them, so the lit suite runs clang, clang++ and
#   clang-tidy through wrappers generated here (BUILD/sanitizer-bin/) that
#   preload the runtime. The wrappers replace TIGHTFIT_CLANG and
#   TIGHTFIT_CLANG_TIDY for the test suite. The hosts leak on purpose (clang
#   frees nothing at exit), so leak detection is off in them; the standalone
#   tool and the unit tests, which run the same checks, keep it on.
# - Container-overflow annotations and manual poisoning only work when every
#   piece of code that touches the memory is instrumented. LLVM's headers
#   poison and unpoison BumpPtrAllocator slabs (llvm/Support/Allocator.h)
#   only when compiled with ASan: inline copies in tightfit's objects poison
#   slabs that the library's own uninstrumented copies hand out without
#   unpoisoning, and ASan would report reads of valid AST nodes. Both are off
#   (detect_container_overflow=0, allow_user_poisoning=0); heap, stack and
#   global overflows, use-after-free and leaks are still found.
# - LLVM_ENABLE_ABI_BREAKING_CHECKS is fixed at 0 by Debian's
#   llvm/Config/abi-breaking.h, and NDEBUG stays as the build type sets it
#   (defined for Release and RelWithDebInfo, like Debian's LLVM): headers
#   whose inline code depends on NDEBUG then agree with the library.
# - -fsanitize=vptr needs RTTI, which LLVM is built without; the compiler
#   leaves it out of -fsanitize=undefined under -fno-rtti.
#
# Every report is fatal (-fno-sanitize-recover=all, abort_on_error=1): a test
# that triggers one fails as a crash. The executables carry their default
# options compiled in (__asan_default_options, ...); ASAN_OPTIONS,
# UBSAN_OPTIONS and LSAN_OPTIONS in the environment add to or override them.
#
# With Clang (and libclang-rt-19-dev), TIGHTFIT_FUZZER=ON (the default) also
# instruments every object for libFuzzer's coverage and makes test/fuzz build
# a libFuzzer target (TIGHTFIT_LIBFUZZER).

option(TIGHTFIT_SANITIZE
       "Build tightfit with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

# tightfit_sanitizer_defaults(TARGET): compiles the default sanitizer options
# into the executable TARGET; nothing in an unsanitized build. The standalone
# tool and the unit tests get them below; other executables call this.
function(tightfit_sanitizer_defaults target)
  get_property(source GLOBAL PROPERTY TIGHTFIT_SANITIZER_DEFAULTS_SOURCE)
  if(TIGHTFIT_SANITIZE AND source AND TARGET ${target})
    target_sources(${target} PRIVATE "${source}")
  endif()
endfunction()

if(NOT TIGHTFIT_SANITIZE)
  return()
endif()

set(_tf_san_flags -fsanitize=address,undefined -fno-sanitize-recover=all
                  -fno-omit-frame-pointer)
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  list(APPEND _tf_san_flags -gline-tables-only)
elseif(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  list(APPEND _tf_san_flags -g1)
else()
  message(FATAL_ERROR "TIGHTFIT_SANITIZE needs Clang or GCC, not ${CMAKE_CXX_COMPILER_ID}")
endif()

include(CheckCXXSourceCompiles)
set(CMAKE_REQUIRED_FLAGS "-fsanitize=address,undefined")
set(CMAKE_REQUIRED_LINK_OPTIONS "-fsanitize=address,undefined")
check_cxx_source_compiles("int main() { return 0; }" TIGHTFIT_SANITIZERS_LINK)
unset(CMAKE_REQUIRED_FLAGS)
unset(CMAKE_REQUIRED_LINK_OPTIONS)
if(NOT TIGHTFIT_SANITIZERS_LINK)
  message(FATAL_ERROR "TIGHTFIT_SANITIZE: ${CMAKE_CXX_COMPILER} cannot link "
          "-fsanitize=address,undefined (for clang-19 on Debian: apt-get install "
          "libclang-rt-19-dev)")
endif()

add_compile_options(${_tf_san_flags})
add_link_options(-fsanitize=address,undefined)

# libFuzzer (test/fuzz): with Clang, every object of the sanitized build also
# gets libFuzzer's coverage instrumentation, so that the fuzzer is guided by
# what the checks and lib/ do, not only by its own entry point. The callbacks
# resolve against the ASan runtime in every other executable and host.
option(TIGHTFIT_FUZZER "Build the libFuzzer target in sanitized Clang builds" ON)
set(TIGHTFIT_LIBFUZZER OFF)
if(TIGHTFIT_FUZZER AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer")
  set(CMAKE_REQUIRED_LINK_OPTIONS "-fsanitize=fuzzer")
  check_cxx_source_compiles([[
#include <cstddef>
#include <cstdint>
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *, size_t) { return 0; }
]] TIGHTFIT_LIBFUZZER_LINKS)
  unset(CMAKE_REQUIRED_FLAGS)
  unset(CMAKE_REQUIRED_LINK_OPTIONS)
  if(TIGHTFIT_LIBFUZZER_LINKS)
    set(TIGHTFIT_LIBFUZZER ON)
    add_compile_options(-fsanitize=fuzzer-no-link)
  endif()
endif()

# --- the runtime the uninstrumented hosts preload ----------------------------
function(_tf_runtime_path out)
  foreach(name IN LISTS ARGN)
    execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=${name}
                    OUTPUT_VARIABLE path OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(IS_ABSOLUTE "${path}" AND EXISTS "${path}")
      set(${out} "${path}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  message(FATAL_ERROR "TIGHTFIT_SANITIZE: ${CMAKE_CXX_COMPILER} does not know "
          "where its sanitizer runtime (${ARGN}) is")
endfunction()

if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  # The ASan runtime carries UBSan's handlers.
  _tf_runtime_path(_tf_asan_runtime
                   libclang_rt.asan-${CMAKE_SYSTEM_PROCESSOR}.so libclang_rt.asan.so)
  set(TIGHTFIT_SANITIZER_PRELOAD "${_tf_asan_runtime}")
else()
  _tf_runtime_path(_tf_asan_runtime libasan.so)
  _tf_runtime_path(_tf_ubsan_runtime libubsan.so)
  set(TIGHTFIT_SANITIZER_PRELOAD "${_tf_asan_runtime}:${_tf_ubsan_runtime}")
endif()

find_program(TIGHTFIT_LLVM_SYMBOLIZER llvm-symbolizer HINTS "${LLVM_TOOLS_BINARY_DIR}"
             DOC "llvm-symbolizer for sanitizer reports")
set(_tf_symbolizer "")
if(TIGHTFIT_LLVM_SYMBOLIZER)
  set(_tf_symbolizer ":external_symbolizer_path=${TIGHTFIT_LLVM_SYMBOLIZER}")
endif()

# --- default options ---------------------------------------------------------
set(TIGHTFIT_ASAN_OPTIONS
    "abort_on_error=1:detect_container_overflow=0:allow_user_poisoning=0${_tf_symbolizer}")
set(TIGHTFIT_UBSAN_OPTIONS "abort_on_error=1:halt_on_error=1:print_stacktrace=1${_tf_symbolizer}")
# The hosts (clang, clang-tidy) never free their AST: no leak checking there.
set(TIGHTFIT_HOST_ASAN_OPTIONS "${TIGHTFIT_ASAN_OPTIONS}:detect_leaks=0")

set(_tf_san_dir "${CMAKE_BINARY_DIR}/sanitizer-bin")
file(MAKE_DIRECTORY "${_tf_san_dir}")

set(_tf_defaults_source "${CMAKE_BINARY_DIR}/sanitizer-bin/SanitizerDefaults.cpp")
file(CONFIGURE OUTPUT "${_tf_defaults_source}" @ONLY CONTENT [[
// Generated by cmake/TightfitSanitizers.cmake: the sanitizer options of
// tightfit's sanitized executables, read by the runtime at start-up.
#define TF_RUNTIME_HOOK extern "C" __attribute__((visibility("default"), used, \
    no_sanitize("address", "undefined"))) const char *
TF_RUNTIME_HOOK __asan_default_options() { return "@TIGHTFIT_ASAN_OPTIONS@"; }
TF_RUNTIME_HOOK __ubsan_default_options() { return "@TIGHTFIT_UBSAN_OPTIONS@"; }
]])

# Wrappers that run an uninstrumented host with the runtime preloaded, for the
# instrumented module or plugin it loads. Options from the environment come
# after ours, so they win.
function(_tf_host_wrapper name real)
  file(CONFIGURE OUTPUT "${_tf_san_dir}/${name}" @ONLY CONTENT [[
#!/bin/sh
# Generated by cmake/TightfitSanitizers.cmake: @real@ with the sanitizer
# runtime preloaded, for tightfit's instrumented module or plugin.
LD_PRELOAD="@TIGHTFIT_SANITIZER_PRELOAD@${LD_PRELOAD:+:$LD_PRELOAD}"
ASAN_OPTIONS="@TIGHTFIT_HOST_ASAN_OPTIONS@${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
UBSAN_OPTIONS="@TIGHTFIT_UBSAN_OPTIONS@${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export LD_PRELOAD ASAN_OPTIONS UBSAN_OPTIONS
exec "@real@" "$@"
]])
  file(CHMOD "${_tf_san_dir}/${name}"
       PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                   WORLD_READ WORLD_EXECUTE)
endfunction()

get_filename_component(_tf_real_tools_dir "${TIGHTFIT_CLANG}" DIRECTORY)
_tf_host_wrapper(clang "${TIGHTFIT_CLANG}")
_tf_host_wrapper(clang++ "${_tf_real_tools_dir}/clang++")
_tf_host_wrapper(clang-tidy "${TIGHTFIT_CLANG_TIDY}")
# For scripts and lit configurations that want to know (bench/scale-sweep.sh,
# test/robustness/lit.local.cfg).
file(WRITE "${_tf_san_dir}/sanitizers.txt"
     "sanitizers=address,undefined\npreload=${TIGHTFIT_SANITIZER_PRELOAD}\n"
     "asan_options=${TIGHTFIT_HOST_ASAN_OPTIONS}\nubsan_options=${TIGHTFIT_UBSAN_OPTIONS}\n")

# The test suite drives the hosts through the wrappers. Normal variables shadow
# the cache entries in this directory and below; the cache keeps the real tools.
set(TIGHTFIT_CLANG "${_tf_san_dir}/clang")
set(TIGHTFIT_CLANGXX "${_tf_san_dir}/clang++")
set(TIGHTFIT_CLANG_TIDY "${_tf_san_dir}/clang-tidy")

# The standalone tool and the unit tests get their default options compiled
# in once every directory has created its targets.
set_property(GLOBAL PROPERTY TIGHTFIT_SANITIZER_DEFAULTS_SOURCE "${_tf_defaults_source}")
function(_tf_attach_sanitizer_defaults)
  foreach(target tightfit tightfit-unittests)
    tightfit_sanitizer_defaults(${target})
  endforeach()
endfunction()
cmake_language(DEFER CALL _tf_attach_sanitizer_defaults)

message(STATUS "tightfit: sanitized build (ASan+UBSan); hosts preload ${TIGHTFIT_SANITIZER_PRELOAD}")
