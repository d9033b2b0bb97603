-- Report query.
SELECT id,
       '--not a comment' AS a, -- comment
       'it''s /* text' AS b
FROM t
/* block
   comment */
WHERE x = 1;

