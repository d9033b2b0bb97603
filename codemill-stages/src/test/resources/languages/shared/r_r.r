x <- c(1, 2, 3)
mean(x)
