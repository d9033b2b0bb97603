#!/usr/bin/env ruby
# GitHub Linguist's vendored? and generated? for every file of every repository in TREE, reading
# each repository's .gitattributes the way linguist does (LazyBlob over a git repository).
#   ruby codemill-bench/scripts/vendored_linguist.rb TREE WORKDIR > linguist.tsv
# Each TREE/<repo> is copied to WORKDIR/<repo>, committed with git, and walked; output lines:
# repo <tab> path <tab> vendored <tab> generated. Needs Debian's ruby-github-linguist (and git).
require 'fileutils'
require 'rugged'
require 'linguist'

tree, work = ARGV
Dir.children(tree).sort.each do |name|
  src = File.join(tree, name)
  next unless File.directory?(src)
  dst = File.join(work, name)
  FileUtils.rm_rf(dst)
  FileUtils.cp_r(src, dst)
  system('git', '-C', dst, 'init', '-q') or abort 'git init failed'
  system('git', '-C', dst, 'add', '-A') or abort 'git add failed'
  system('git', '-C', dst, '-c', 'user.name=m', '-c', 'user.email=m@example.invalid', 'commit', '-q', '-m', 'set') or abort 'git commit failed'
  repo = Rugged::Repository.new(dst)
  repo.head.target.tree.walk_blobs(:preorder) do |root, entry|
    path = root + entry[:name]
    blob = Linguist::LazyBlob.new(repo, entry[:oid], path, entry[:filemode].to_s(8))
    puts [name, path, blob.vendored?, blob.generated?].join("\t")
  end
end
