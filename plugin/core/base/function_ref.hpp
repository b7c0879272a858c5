#pragma once

#include <memory>
#include <type_traits>
#include <utility>

namespace stagehand::core {

template <typename Signature>
class FunctionRef;

// A callable passed down a call and not kept: two pointers, never an allocation. A
// std::function parameter copied a lambda that captured more than two references onto the heap
// at every call, which on the drawing path was every frame. It refers to the callable it was
// made from, so it must not outlive it (as a parameter, it lives as long as the call).
template <typename Result, typename... Args>
class FunctionRef<Result(Args...)> {
public:
    template <typename F,
              typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FunctionRef> &&
                                          std::is_invocable_r_v<Result, F&, Args...>>>
    // NOLINTNEXTLINE(google-explicit-constructor): made implicitly from a lambda at the call
    FunctionRef(F&& callable) noexcept
        : object_(const_cast<void*>(static_cast<const void*>(std::addressof(callable))))
        , call_([](void* object, Args... args) -> Result {
            return (*static_cast<std::remove_reference_t<F>*>(object))(std::forward<Args>(args)...);
        }) {}

    Result operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

private:
    void* object_;
    Result (*call_)(void*, Args...);
};

} // namespace stagehand::core
