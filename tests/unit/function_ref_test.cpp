#include "core/base/function_ref.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace {

using stagehand::core::FunctionRef;

int twice(FunctionRef<int(int)> f, int x) {
    return f(f(x));
}

TEST(FunctionRef, CallsTheCallableItWasMadeFromWithItsArguments) {
    int calls = 0;
    const int base = 3;
    auto add = [&calls, base](int x) {
        ++calls;
        return x + base;
    };
    EXPECT_EQ(twice(add, 1), 7);
    EXPECT_EQ(calls, 2) << "the lambda itself was called, not a copy of it";
}

TEST(FunctionRef, PassesMoveOnlyArgumentsAndReturnsResults) {
    auto take = [](std::unique_ptr<std::string> s) {
        return *s + "!";
    };
    FunctionRef<std::string(std::unique_ptr<std::string>)> ref(take);
    EXPECT_EQ(ref(std::make_unique<std::string>("hi")), "hi!");
}

TEST(FunctionRef, ACopyCallsTheSameCallable) {
    int seen = 0;
    auto keep = [&seen](int x) {
        seen = x;
    };
    FunctionRef<void(int)> first(keep);
    FunctionRef<void(int)> second = first; // refers to keep, not to `first`
    second(42);
    EXPECT_EQ(seen, 42);
}

} // namespace
