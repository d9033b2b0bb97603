#!/usr/bin/env ruby
# Usage: ruby linguist_languages.rb TREE > linguist.tsv  (needs github-linguist, e.g. Debian ruby-github-linguist)
# Same file selection as LanguageIdMeasure: regular files up to 1 MiB that linguist does not call binary.
# prints relative path, linguist language (or unknown) for every file under ARGV[0]
require 'linguist'
root = File.expand_path(ARGV[0])
Dir.glob("#{root}/**/*", File::FNM_DOTMATCH).sort.each do |p|
  next unless File.file?(p) && !File.symlink?(p)
  next if File.size(p) > (1 << 20)
  b = Linguist::FileBlob.new(p, root)
  next if b.binary?
  l = b.language
  puts "#{p.sub(root + '/', '')}\t#{l ? l.name : 'unknown'}"
end
