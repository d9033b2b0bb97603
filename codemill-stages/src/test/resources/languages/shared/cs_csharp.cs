using System;
namespace App { class P { static void Main() {} } }
