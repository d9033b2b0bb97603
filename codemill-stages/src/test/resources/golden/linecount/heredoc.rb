# frozen_string_literal: true

=begin
Block documentation.
Still documentation.
=end

SQL = <<~SQL
  SELECT * FROM t -- a
  # not a comment
SQL

def greet(name)
  "Hello #{name}" # interpolation is not a comment
end

words = %w[a # b]
re = %r{/*}
puts words, re
