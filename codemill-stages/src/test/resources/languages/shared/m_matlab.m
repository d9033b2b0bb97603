% compute the mean of a vector
function m = avg(x)
    m = sum(x) / numel(x);
end
