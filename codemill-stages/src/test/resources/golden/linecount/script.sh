#!/bin/sh
# Argument count checks.
if [ $# -lt 1 ]; then
  echo "usage: $0 file # not a comment"
fi
arr=(a b c)
echo ${#arr[@]}

cat <<-'EOF2'
	# inside a heredoc
	$HOME is not expanded
	EOF2

echo 'it is # still a string' # real comment
