#include <vector>

namespace demo {
template <typename T>
class Stack {
public:
    void push(const T& value) { items_.push_back(value); }
    [[nodiscard]] bool empty() const noexcept { return items_.empty(); }

private:
    std::vector<T> items_;
};
} // namespace demo
