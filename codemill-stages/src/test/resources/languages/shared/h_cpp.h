#pragma once
#include <vector>

namespace geo {
class Ring {
public:
    explicit Ring(int n);
private:
    std::vector<int> items_;
};
}
