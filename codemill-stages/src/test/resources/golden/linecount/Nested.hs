{- outer
   {- nested -}
-}
module Nested where

-- | Haddock comment.
(-->) :: Int -> Int -> Int
a --> b = a + b

foldl'' :: Int
foldl'' = 1 --> 2

quote :: Char
quote = '"'
