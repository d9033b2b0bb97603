#import "TaskView.h"

@implementation TaskView
- (void)refresh {
}
@end
