import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { LoginResult, PasswordChanged, SessionUserView } from './auth.responses';
import { Throttle } from '@nestjs/throttler';
import type { Request } from 'express';
import { ChangePasswordUseCase, Credentials, LogInUseCase, LogOutUseCase, PasswordChange, tokenHash } from '@hub/auth';
import { AllowPendingPasswordChange, CurrentUser, Public, SessionUser } from './auth.decorators';
import { bearerToken } from './auth.guard';
import { answered } from './use-case-http';

/** The use case's credentials (their validation inherited), documented for the OpenAPI page. */
class LoginDto extends Credentials {}
ApiProperty({ example: 'operator' })(LoginDto.prototype, 'username');
ApiProperty({ example: 'hub12345' })(LoginDto.prototype, 'password');

class PasswordChangeDto extends PasswordChange {}
ApiProperty({ description: 'the password in use now' })(PasswordChangeDto.prototype, 'currentPassword');
ApiProperty({ description: 'at least 10 characters of at least two kinds (letters, digits, other); not the username' })(
  PasswordChangeDto.prototype,
  'newPassword',
);

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly logIn: LogInUseCase,
    private readonly logOut: LogOutUseCase,
    private readonly changePasswordCase: ChangePasswordUseCase,
  ) {}

  // Guessing is slowed per account and address by the log-in use case (in the database, shared by
  // every API process); this only brakes a flood, high enough for an office behind one NAT.
  @Public()
  @Throttle({ default: { limit: 300, ttl: 60_000 } })
  @ApiOkResponse({ type: LoginResult })
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in; returns a bearer token that expires' })
  login(@Body() body: LoginDto, @Req() req: Request) {
    return answered(
      this.logIn.execute({ username: body.username, password: body.password, ip: req.ip ?? null }).then((r) => ({ ...r, user: sessionView(r.user) })),
    );
  }

  @ApiOperation({ summary: 'Log out: the token stops working' })
  @ApiNoContentResponse({ description: 'logged out' })
  @Post('logout')
  @HttpCode(204)
  @AllowPendingPasswordChange()
  @ApiBearerAuth()
  async logout(@Req() req: Request): Promise<void> {
    const token = bearerToken(req);
    if (token) await this.logOut.execute({ token });
  }

  @ApiOperation({ summary: 'The logged-in user' })
  @ApiOkResponse({ type: SessionUserView })
  @Get('me')
  @AllowPendingPasswordChange()
  @ApiBearerAuth()
  me(@CurrentUser() user: SessionUser): SessionUserView {
    return sessionView(user);
  }

  @ApiOperation({ summary: 'Change one’s own password (the current one, and a new one following the rules); other sessions end' })
  @ApiOkResponse({ type: PasswordChanged })
  @Post('password')
  @HttpCode(200)
  @AllowPendingPasswordChange()
  @ApiBearerAuth()
  changePassword(@CurrentUser() user: SessionUser, @Body() body: PasswordChangeDto, @Req() req: Request) {
    const token = bearerToken(req);
    return answered(
      this.changePasswordCase.execute({
        userId: user.id,
        currentPassword: body.currentPassword,
        newPassword: body.newPassword,
        keepTokenHash: token ? tokenHash(token) : undefined,
      }),
    );
  }
}

/** The session user as the console gets it: the resolved scope (every unit of a sub-tree) stays on the server. */
function sessionView(user: SessionUser): SessionUserView {
  const { scope: _scope, ...view } = user;
  return view;
}
